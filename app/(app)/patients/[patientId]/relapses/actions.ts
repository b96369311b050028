'use server';

import { createRelapse, updateRelapse } from '@/db/queries/relapses';
import { voidRelapse } from '@/db/queries/void';
import { editAnsweringQuery } from '@/db/queries/data-queries';
import type { ActionResult } from '@/lib/errors';
import { answeredQuery } from '@/lib/schemas/data-query';
import { relapseEditSchema, relapseSchema } from '@/lib/schemas/relapse';
import { voidSchema } from '@/lib/schemas/void';
import { CLINICAL_WRITERS, serverAction } from '@/server/action';

export async function createRelapseAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: relapseSchema, values, requestKey }, async ({ db, scope, input, requestKey }) => {
    const id = await createRelapse(db, { ...scope, patientId, input, requestKey });
    return { id, revalidate: [`/patients/${patientId}`] };
  });
}

/** An edit; with `answering`, the query on the record it answers (the reason is the answer). */
export async function updateRelapseAction(relapseId: string, values: unknown, answering?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: relapseEditSchema, values }, async ({ db, scope, input: { reason, version, ...input } }) => {
    const queryId = answeredQuery(answering);
    const { patientId } = await editAnsweringQuery(db, { ...scope, queryId, reason, entity: 'relapse', recordId: relapseId }, (tx) =>
      updateRelapse(tx, { ...scope, relapseId, version, reason, input }),
    );
    return { id: relapseId, revalidate: [`/patients/${patientId}`, ...(queryId ? ['/queries'] : [])] };
  });
}

export async function voidRelapseAction(relapseId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: voidSchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await voidRelapse(db, { ...scope, id: relapseId, ...input });
    return { id: relapseId, revalidate: [`/patients/${patientId}`] };
  });
}
