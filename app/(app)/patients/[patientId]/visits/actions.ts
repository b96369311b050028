'use server';

import { createVisit, updateVisit } from '@/db/queries/visits';
import { voidVisit } from '@/db/queries/void';
import { editAnsweringQuery } from '@/db/queries/data-queries';
import type { ActionResult } from '@/lib/errors';
import { answeredQuery } from '@/lib/schemas/data-query';
import { visitEditSchema, visitSchema } from '@/lib/schemas/visit';
import { voidSchema } from '@/lib/schemas/void';
import { CLINICAL_WRITERS, serverAction } from '@/server/action';

/**
 * The visit form goes to the patient's page (or the query it answered) itself once saved,
 * and those pages are rendered afresh on every request: revalidating it here would only make the action render the form's
 * page again into its answer, for nothing (docs/performance.md).
 */
const NAVIGATES: string[] = [];

export async function createVisitAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: visitSchema, values, requestKey }, async ({ db, scope, input, requestKey }) => {
    const id = await createVisit(db, { ...scope, patientId, input, requestKey });
    return { id, revalidate: NAVIGATES };
  });
}

/** An edit; with `answering`, the query on the record it answers (the reason is the answer). */
export async function updateVisitAction(visitId: string, values: unknown, answering?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: visitEditSchema, values }, async ({ db, scope, input: { reason, version, ...input } }) => {
    const queryId = answeredQuery(answering);
    await editAnsweringQuery(db, { ...scope, queryId, reason, entity: 'visit', recordId: visitId }, (tx) =>
      updateVisit(tx, { ...scope, visitId, version, reason, input }),
    );
    return { id: visitId, revalidate: NAVIGATES };
  });
}

export async function voidVisitAction(visitId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: voidSchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await voidVisit(db, { ...scope, id: visitId, ...input });
    return { id: visitId, revalidate: [`/patients/${patientId}`] };
  });
}
