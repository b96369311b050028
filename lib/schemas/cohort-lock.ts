import { z } from 'zod';
import { NOT_A_FORM, reasonField } from './fields';

// One schema for locking a cohort for analysis and for unlocking it, in the browser and in
// the server action: which of the two the form means, and why.

export const cohortLockSchema = z.discriminatedUnion(
  'lock',
  [z.object({ lock: z.literal(true), reason: reasonField('lock') }), z.object({ lock: z.literal(false), reason: reasonField('unlock') })],
  { error: NOT_A_FORM },
);

export type CohortLockInput = z.output<typeof cohortLockSchema>;
