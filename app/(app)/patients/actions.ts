'use server';

import { createPatient, updatePatient } from '@/db/queries/patients';
import { voidPatient } from '@/db/queries/void';
import { editAnsweringQuery } from '@/db/queries/data-queries';
import type { ActionResult } from '@/lib/errors';
import { answeredQuery } from '@/lib/schemas/data-query';
import { patientEditSchema, patientSchema } from '@/lib/schemas/patient';
import { voidSchema } from '@/lib/schemas/void';
import { CLINICAL_WRITERS, serverAction } from '@/server/action';

export async function createPatientAction(values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: patientSchema, values, requestKey }, async ({ db, scope, input, requestKey }) => {
    const id = await createPatient(db, { ...scope, input, requestKey });
    return { id, revalidate: ['/patients'] };
  });
}

/** An edit; with `answering`, the query on the patient it answers (the reason is the answer). */
export async function updatePatientAction(patientId: string, values: unknown, answering?: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: patientEditSchema, values }, async ({ db, scope, input: { reason, version, ...input } }) => {
    const queryId = answeredQuery(answering);
    await editAnsweringQuery(db, { ...scope, queryId, reason, entity: 'patient', recordId: patientId }, (tx) => updatePatient(tx, { ...scope, patientId, version, reason, input }));
    return { id: patientId, revalidate: [`/patients/${patientId}`, ...(queryId ? ['/queries'] : [])] };
  });
}

export async function voidPatientAction(patientId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: CLINICAL_WRITERS, schema: voidSchema, values }, async ({ db, scope, input }) => {
    await voidPatient(db, { ...scope, id: patientId, ...input });
    return { id: patientId, revalidate: ['/patients'] };
  });
}
