import { z } from 'zod';
import { ROLES } from '@/lib/codes';
import { requiredCode } from './fields';

export const newUserSchema = z
  .object({
    name: z.string().trim().min(2, 'Name must be at least 2 characters').max(100, 'Name must be at most 100 characters'),
    email: z.string().trim().email('Email must be a valid address'),
    role: requiredCode('Role', ROLES),
    password: z.string().min(10, 'Password must be at least 10 characters').max(128, 'Password must be at most 128 characters'),
    siteIds: z.array(z.string().uuid()).default([]),
  })
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
    siteIds: z.array(z.string().uuid()).default([]),
    active: z.boolean(),
  })
  .superRefine((u, ctx) => {
    if (u.role !== 'admin' && u.siteIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'Choose at least one site' });
  });

export type UserAccessInput = z.output<typeof userAccessSchema>;
export type UserAccessFormValues = z.input<typeof userAccessSchema>;
