'use server';

import { createAdverseEvent, updateAdverseEvent } from '@/db/queries/adverse-events';
import { voidAdverseEvent } from '@/db/queries/void';
import type { ActionResult } from '@/lib/errors';
import { adverseEventEditSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { voidSchema } from '@/lib/schemas/void';
import { CLINICAL_WRITERS, serverAction } from '@/server/action';

export async function createAdverseEventAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: adverseEventSchema, values, requestKey }, async ({ db, scope, input, requestKey }) => {
    const id = await createAdverseEvent(db, { ...scope, patientId, input, requestKey });
    return { id, revalidate: [`/patients/${patientId}`] };
  });
}

export async function updateAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: adverseEventEditSchema, values }, async ({ db, scope, input: { reason, version, ...input } }) => {
    const { patientId } = await updateAdverseEvent(db, { ...scope, eventId, version, reason, input });
    return { id: eventId, revalidate: [`/patients/${patientId}`] };
  });
}

export async function voidAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: voidSchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await voidAdverseEvent(db, { ...scope, id: eventId, ...input });
    return { id: eventId, revalidate: [`/patients/${patientId}`] };
  });
}
