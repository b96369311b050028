import { z } from 'zod';
import { NOT_A_FORM, unstorable, unstorableMessage, version } from './fields';

/** Voiding a patient, a visit or an adverse event: never a deletion, always a reason. */
export const voidSchema = z.object({
  reason: z
    .string({ error: 'Give the reason for voiding (at least 3 characters)' })
    .trim()
    .min(3, 'Give the reason for voiding (at least 3 characters)')
    .max(500, 'The reason for voiding must be at most 500 characters')
    .refine((s) => !unstorable(s), unstorableMessage('The reason for voiding')),
  version,
}, { error: NOT_A_FORM });

export type VoidInput = z.output<typeof voidSchema>;
