import { z } from 'zod';
import { MAX_TOKEN_DAYS, TOKEN_SCOPES, type TokenScope } from '@/lib/auth/tokens';
import { NOT_A_FORM, requiredNumber, unstorable, unstorableMessage } from './fields';

// A new personal access token, on the account page and in the server action: a name to tell it
// by, what it may do, and for how many days.

const SCOPES_MESSAGE = 'Choose what the token may do: read, or read and write';

export const newTokenSchema = z.object(
  {
    name: z
      .string({ error: 'Name must be 2 to 60 characters' })
      .trim()
      .min(2, 'Name must be 2 to 60 characters')
      .max(60, 'Name must be 2 to 60 characters')
      .refine((s) => !unstorable(s), unstorableMessage('Name')),
    // Refused at the field, never at "scopes.0", which no control shows.
    scopes: z.union([z.array(z.string()), z.undefined()], { error: SCOPES_MESSAGE }).transform((list, ctx): TokenScope[] => {
      const scopes = TOKEN_SCOPES.filter((s) => list?.includes(s));
      if (!list?.length || scopes.length !== new Set(list).size) {
        ctx.addIssue({ code: 'custom', message: SCOPES_MESSAGE });
        return z.NEVER;
      }
      return scopes;
    }),
    days: requiredNumber('Days', { min: 1, max: MAX_TOKEN_DAYS, integer: true }),
  },
  { error: NOT_A_FORM },
);

export type NewTokenInput = z.output<typeof newTokenSchema>;
export type NewTokenFormValues = z.input<typeof newTokenSchema>;
