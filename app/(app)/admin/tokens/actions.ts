'use server';

import { revokeToken } from '@/db/queries/tokens';
import { canManageUsers } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { serverAction } from '@/server/action';

/** An admin revokes any user's token (a leaked secret, a user who left). */
export async function revokeAnyTokenAction(tokenId: string): Promise<ActionResult> {
  const permit = { allows: canManageUsers, refused: 'Only an admin can revoke other users’ tokens.' };
  return serverAction({ permit }, async ({ db, access }) => {
    await revokeToken(db, { actorId: access.userId, tokenId });
    return { id: tokenId, revalidate: ['/admin/tokens', '/account'] };
  });
}
