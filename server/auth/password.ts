import 'server-only';
import { isAPIError } from 'better-auth/api';
import { headers } from 'next/headers';
import type { Db } from '@/db/client';
import { clearSignInFailures, countRefusedPassword, lockedUntil } from '@/db/queries/sign-in';
import type { Access } from '@/lib/auth/access';
import { failureDelayMs, lockedMessage, signInKey } from '@/lib/auth/policy';
import { ForbiddenError, ValidationError } from '@/lib/errors';
import { getAuth } from './auth';
import { authPolicy } from './policy';

/**
 * The signed-in user types their password again to sign a record (21 CFR Part 11 §11.200): it is
 * checked by better-auth against the session's own account, and a wrong one counts as a failed
 * sign-in (db/queries/sign-in.ts): audited, answered later and later, and locking the account
 * at the limit. A locked account cannot sign.
 */
export async function confirmPassword(db: Db, access: Access, password: string): Promise<void> {
  const email = signInKey(access.email);
  const until = await lockedUntil(db, email);
  if (until) throw new ForbiddenError(`${lockedMessage(until)} Nothing was signed.`);
  const auth = await getAuth();
  try {
    await auth.api.verifyPassword({ body: { password }, headers: await headers() });
    await clearSignInFailures(db, email);
    return;
  } catch (e) {
    // better-auth answers a wrong password (or one too long to be one) as a bad request.
    if (!isAPIError(e) || e.status !== 'BAD_REQUEST') throw e;
  }
  const policy = authPolicy();
  const counted = await countRefusedPassword(db, { email, policy, details: { signing: true } });
  await new Promise((resolve) => setTimeout(resolve, failureDelayMs(counted.failures)));
  if (counted.lockedUntil) throw new ForbiddenError(`${lockedMessage(counted.lockedUntil)} Nothing was signed.`);
  throw new ValidationError({ password: 'The password is not right' }, 'The password is not right.');
}
