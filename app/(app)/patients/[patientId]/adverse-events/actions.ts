'use server';

import { createAdverseEvent, updateAdverseEvent } from '@/db/queries/adverse-events';
import { voidAdverseEvent } from '@/db/queries/void';
import { editAnsweringQuery } from '@/db/queries/data-queries';
import type { ActionResult } from '@/lib/errors';
import { answeredQuery } from '@/lib/schemas/data-query';
import { adverseEventEditSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { voidSchema } from '@/lib/schemas/void';
import { CLINICAL_WRITERS, serverAction } from '@/server/action';

export async function createAdverseEventAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: adverseEventSchema, values, requestKey }, async ({ db, scope, input, requestKey }) => {
    const id = await createAdverseEvent(db, { ...scope, patientId, input, requestKey });
    return { id, revalidate: [`/patients/${patientId}`] };
  });
}

/** An edit; with `answering`, the query on the record it answers (the reason is the answer). */
export async function updateAdverseEventAction(eventId: string, values: unknown, answering?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: adverseEventEditSchema, values }, async ({ db, scope, input: { reason, version, ...input } }) => {
    const queryId = answeredQuery(answering);
    const { patientId } = await editAnsweringQuery(db, { ...scope, queryId, reason, entity: 'adverse_event', recordId: eventId }, (tx) =>
      updateAdverseEvent(tx, { ...scope, eventId, version, reason, input }),
    );
    return { id: eventId, revalidate: [`/patients/${patientId}`, ...(queryId ? ['/queries'] : [])] };
  });
}

export async function voidAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: voidSchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await voidAdverseEvent(db, { ...scope, id: eventId, ...input });
    return { id: eventId, revalidate: [`/patients/${patientId}`] };
  });
}
