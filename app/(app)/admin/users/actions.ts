'use server';

import { setInvestigatorSites } from '@/db/queries/investigators';
import { unlockAccount } from '@/db/queries/sign-in';
import { createUser, grantSite, updateUserAccess } from '@/db/queries/users';
import { canManageUsers } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { investigatorSchema, newUserSchema, siteGrantSchema, unlockSchema, userAccessSchema } from '@/lib/schemas/user';
import { serverAction } from '@/server/action';

export async function createUserAction(values: unknown): Promise<ActionResult> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can create users.' };
  return serverAction({ permit, schema: newUserSchema, values }, async ({ db, access, input }) => {
    const id = await createUser(db, { actorId: access.userId, input });
    return { id, revalidate: ['/admin/users'] };
  });
}

export async function updateUserAccessAction(userId: string, values: unknown): Promise<ActionResult> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can change users.' };
  return serverAction({ permit, schema: userAccessSchema, values }, async ({ db, access, input }) => {
    await updateUserAccess(db, { actorId: access.userId, userId, input });
    return { id: userId, revalidate: ['/admin/users'] };
  });
}

/** After an admin's import created a site: the chosen users get access to it (db/queries/users.ts grantSite). */
export async function grantSiteAction(values: unknown): Promise<ActionResult<{ granted: number }>> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can give access to a site.' };
  return serverAction({ permit, schema: siteGrantSchema, values }, async ({ db, access, input }) => {
    const granted = await grantSite(db, { actorId: access.userId, input });
    return { granted, revalidate: ['/admin/users'] };
  });
}

/** Ends a user's sign-in lock before its time (db/queries/sign-in.ts unlockAccount). */
export async function unlockAccountAction(userId: string, values: unknown): Promise<ActionResult> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can unlock an account.' };
  return serverAction({ permit, schema: unlockSchema, values }, async ({ db, access, input }) => {
    await unlockAccount(db, { actorId: access.userId, userId, input });
    return { id: userId, revalidate: [`/admin/users/${userId}`] };
  });
}

/** The sites where a user is an investigator and may sign records (db/queries/investigators.ts). */
export async function setInvestigatorSitesAction(userId: string, values: unknown): Promise<ActionResult> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can give or take back the investigator right.' };
  return serverAction({ permit, schema: investigatorSchema, values }, async ({ db, access, input }) => {
    await setInvestigatorSites(db, { actorId: access.userId, userId, input });
    return { id: userId, revalidate: [`/admin/users/${userId}`] };
  });
}
