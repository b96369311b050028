import { z } from 'zod';
import { QUERY_ENTITIES, queryFields } from '@/lib/queries/rules';
import { NOT_A_FORM, optionalText, reasonField } from './fields';

// The forms of a query's steps, in the browser and in the server actions
// (app/(app)/queries/actions.ts): raise, answer, close, send back.

const id = (what: string) => z.string({ error: `The ${what} is missing: reload the page` }).max(100, `The ${what} is missing: reload the page`);

export const raiseQuerySchema = z
  .object(
    {
      entity: z.enum(QUERY_ENTITIES, { error: 'The record kind is missing: reload the page' }),
      recordId: id('record'),
      field: z.string({ error: 'Choose the field the query is about' }).min(1, 'Choose the field the query is about'),
      question: reasonField('question'),
    },
    { error: NOT_A_FORM },
  )
  .refine((v) => queryFields(v.entity).some((f) => f.key === v.field), { path: ['field'], message: 'Choose the field the query is about' });

export const answerQuerySchema = z.object({ queryId: id('query'), answer: reasonField('answer') }, { error: NOT_A_FORM });
export const closeQuerySchema = z.object({ queryId: id('query'), comment: optionalText('The comment', 500) }, { error: NOT_A_FORM });
export const reopenQuerySchema = z.object({ queryId: id('query'), comment: reasonField('reopen') }, { error: NOT_A_FORM });

export type RaiseQueryInput = z.output<typeof raiseQuerySchema>;

/** The query an edit answers, as its form sends it (none when blank or not text). */
export function answeredQuery(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v.slice(0, 100) : undefined;
}
