'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createUser, updateUserAccess } from '@/db/queries/users';
import { invalid, runAction } from '@/server/action';
import { canManageUsers } from '@/lib/auth/access';
import { getAccess } from '@/server/auth/session';
import { ForbiddenError, type ActionResult } from '@/lib/errors';
import { newUserSchema, userAccessSchema } from '@/lib/schemas/user';

export async function createUserAction(values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await getAccess();
    if (!access || !canManageUsers(access.role)) throw new ForbiddenError('Only an admin can create users.');
    const parsed = newUserSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const id = await createUser(await getDb(), { actorId: access.userId, input: parsed.data });
    revalidatePath('/admin/users');
    return { ok: true, id };
  });
}

export async function updateUserAccessAction(userId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await getAccess();
    if (!access || !canManageUsers(access.role)) throw new ForbiddenError('Only an admin can change users.');
    const parsed = userAccessSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    await updateUserAccess(await getDb(), { actorId: access.userId, userId, input: parsed.data });
    revalidatePath('/admin/users');
    return { ok: true, id: userId };
  });
}
