'use server';

import { createToken, revokeToken } from '@/db/queries/tokens';
import type { ActionResult } from '@/lib/errors';
import { newTokenSchema } from '@/lib/schemas/token';
import { serverAction } from '@/server/action';

// Every signed-in user makes and revokes their own tokens; an admin revokes anyone's
// (app/(app)/admin/tokens). A token never reaches more than its user does.
const ANY_USER = {
  allows: () => true,
  signedOut: 'Your session has ended: sign in again. No token was made or revoked.',
  refused: 'You cannot manage access tokens.',
};

/** Makes a token; the answer holds its secret, shown once by the form. */
export async function createTokenAction(values: unknown): Promise<ActionResult<{ id: string; secret: string }>> {
  return serverAction({ permit: ANY_USER, schema: newTokenSchema, values }, async ({ db, access, input }) => {
    const { token, secret } = await createToken(db, { actorId: access.userId, userId: access.userId, input });
    return { id: token.id, secret, revalidate: ['/account', '/admin/tokens'] };
  });
}

/** Revokes one of the caller's own tokens. */
export async function revokeOwnTokenAction(tokenId: string): Promise<ActionResult> {
  return serverAction({ permit: ANY_USER }, async ({ db, access }) => {
    await revokeToken(db, { actorId: access.userId, tokenId, ownerId: access.userId });
    return { id: tokenId, revalidate: ['/account', '/admin/tokens'] };
  });
}
