import { z } from 'zod';
import { NOT_A_FORM, version } from './fields';

// The auditor's "verified against the source" on one record, as shown at one version.
export const verifySchema = z.object(
  {
    kind: z.enum(['visit', 'adverse_event', 'relapse'], { error: 'The record kind is missing: reload the page' }),
    id: z.string({ error: 'The record is missing: reload the page' }).max(100, 'The record is missing: reload the page'),
    version,
  },
  { error: NOT_A_FORM },
);

export type VerifyInput = z.output<typeof verifySchema>;
