'use server';

import { answerQuery, closeQuery, raiseQuery, reopenQuery } from '@/db/queries/data-queries';
import type { ActionResult } from '@/lib/errors';
import { canAnswerQuery, canRaiseQuery } from '@/lib/queries/rules';
import { answerQuerySchema, closeQuerySchema, raiseQuerySchema, reopenQuerySchema } from '@/lib/schemas/data-query';
import { serverAction, type Permit } from '@/server/action';

// The steps of a query on data (db/queries/data-queries.ts). An answer that changes the value
// goes through the record's edit instead (its action takes the query it answers).

const RAISERS: Permit = {
  allows: canRaiseQuery,
  signedOut: 'Your session has ended: sign in again. Nothing was saved.',
  refused: 'Only auditors and coordinators raise, close or send back queries. Nothing was saved.',
};

const ANSWERERS: Permit = {
  allows: canAnswerQuery,
  signedOut: 'Your session has ended: sign in again. Nothing was saved.',
  refused: 'Only the site’s clinicians and coordinators answer queries. Nothing was saved.',
};

const revalidate = (patientId: string) => [`/patients/${patientId}`, '/queries'];

export async function raiseQueryAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: RAISERS, schema: raiseQuerySchema, values }, async ({ db, scope, input }) => {
    const { id, patientId } = await raiseQuery(db, { ...scope, input });
    return { id, revalidate: revalidate(patientId) };
  });
}

export async function answerQueryAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: ANSWERERS, schema: answerQuerySchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await answerQuery(db, { ...scope, queryId: input.queryId, text: input.answer });
    return { id: input.queryId, revalidate: revalidate(patientId) };
  });
}

export async function closeQueryAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: RAISERS, schema: closeQuerySchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await closeQuery(db, { ...scope, queryId: input.queryId, text: input.comment });
    return { id: input.queryId, revalidate: revalidate(patientId) };
  });
}

export async function reopenQueryAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: RAISERS, schema: reopenQuerySchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await reopenQuery(db, { ...scope, queryId: input.queryId, text: input.comment });
    return { id: input.queryId, revalidate: revalidate(patientId) };
  });
}
