import { z } from 'zod';
import { version } from './fields';

/** Voiding a patient, a visit or an adverse event: never a deletion, always a reason. */
export const voidSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, 'Give the reason for voiding (at least 3 characters)')
    .max(500, 'The reason for voiding must be at most 500 characters'),
  version,
});

export type VoidInput = z.output<typeof voidSchema>;
