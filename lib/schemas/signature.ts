import { z } from 'zod';
import { SIGNATURE_MEANINGS, SIGNED_KINDS } from '@/lib/signatures/meaning';
import { NOT_A_FORM, requiredCode } from './fields';

// An investigator's electronic signature of a visit or a casebook: the meaning they choose,
// their password entered again (§11.200: both components at each signing), and the content
// hash of what the page showed them, so that nobody signs what they did not see.
const RELOAD = 'The record is missing: reload the page';
export const signSchema = z.object(
  {
    kind: z.enum(SIGNED_KINDS, { error: RELOAD }),
    id: z.string({ error: RELOAD }).max(100, RELOAD),
    contentHash: z.string({ error: RELOAD }).max(100, RELOAD),
    // Radios none of which is chosen give null.
    meaning: z.preprocess((v) => v ?? undefined, requiredCode('Meaning', SIGNATURE_MEANINGS)),
    password: z
      .string({ error: 'Enter your password to sign' })
      .min(1, 'Enter your password to sign')
      .max(128, 'The password is not right'),
  },
  { error: NOT_A_FORM },
);

export type SignInput = z.output<typeof signSchema>;
export type SignFormValues = z.input<typeof signSchema>;
