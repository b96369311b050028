import { z } from 'zod';
import { ROLES } from '@/lib/codes';
import { NOT_A_FORM, reasonField, requiredCode, unstorable, unstorableMessage } from './fields';

// Sites come from checkboxes holding site ids; anything else (a list of numbers, a text) is
// refused at the field, not at "siteIds.0", which no control shows.
const SITES_MESSAGE = 'Choose sites from the list';
const uuid = z.uuid();
const siteIds = z
  .union([z.array(z.string()), z.undefined()], { error: SITES_MESSAGE })
  .transform((ids, ctx): string[] => {
    if (ids?.some((id) => !uuid.safeParse(id).success)) {
      ctx.addIssue({ code: 'custom', message: SITES_MESSAGE });
      return z.NEVER;
    }
    return ids ?? [];
  })
  .default([]);

export const newUserSchema = z
  .object({
    name: z
      .string({ error: 'Name must be at least 2 characters' })
      .trim()
      .min(2, 'Name must be at least 2 characters')
      .max(100, 'Name must be at most 100 characters')
      .refine((s) => !unstorable(s), unstorableMessage('Name')),
    email: z.string({ error: 'Email must be a valid address' }).trim().email('Email must be a valid address'),
    role: requiredCode('Role', ROLES),
    password: z.string({ error: 'Password must be at least 10 characters' }).min(10, 'Password must be at least 10 characters').max(128, 'Password must be at most 128 characters'),
    siteIds,
  }, { error: NOT_A_FORM })
  .superRefine((u, ctx) => {
    if (u.role !== 'admin' && u.siteIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'Choose at least one site' });
  });

export type NewUserInput = z.output<typeof newUserSchema>;
export type NewUserFormValues = z.input<typeof newUserSchema>;

/** An admin's change to a user's access: role, sites, and whether they may sign in. */
export const userAccessSchema = z
  .object({
    role: requiredCode('Role', ROLES),
    siteIds,
    active: z.boolean({ error: 'Say whether the user may sign in' }),
  }, { error: NOT_A_FORM })
  .superRefine((u, ctx) => {
    if (u.role !== 'admin' && u.siteIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'Choose at least one site' });
  });

export type UserAccessInput = z.output<typeof userAccessSchema>;
export type UserAccessFormValues = z.input<typeof userAccessSchema>;

// Giving the users chosen on the import result access to a site the import created.
const USERS_MESSAGE = 'Choose users from the list';
export const siteGrantSchema = z.object(
  {
    siteCode: z.string({ error: 'The site is missing: import again' }).trim().min(1, 'The site is missing: import again').max(40, 'The site is missing: import again'),
    userIds: z
      .union([z.array(z.string().min(1).max(100)), z.undefined()], { error: USERS_MESSAGE })
      .transform((ids) => [...new Set(ids ?? [])])
      .refine((ids) => ids.length > 0, 'Choose at least one user to give access to'),
  },
  { error: NOT_A_FORM },
);

export type SiteGrantInput = z.output<typeof siteGrantSchema>;
export type SiteGrantFormValues = z.input<typeof siteGrantSchema>;

/** An admin ends a sign-in lock before its time: the reason goes to the audit trail. */
export const unlockSchema = z.object({ reason: reasonField('unlock') }, { error: NOT_A_FORM });
export type UnlockInput = z.output<typeof unlockSchema>;

/** An admin's choice of the sites where a user is an investigator (may sign records): some of the user's sites. */
export const investigatorSchema = z.object({ siteIds }, { error: NOT_A_FORM });
export type InvestigatorInput = z.output<typeof investigatorSchema>;
export type InvestigatorFormValues = z.input<typeof investigatorSchema>;
