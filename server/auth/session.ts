import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { sessionAccess } from '@/db/queries/sign-in';
import type { Role } from '@/lib/codes';
import { rethrowUnavailable } from '@/lib/db-unavailable';
import type { Access } from '@/lib/auth/access';
import { verifiedCookieValue } from '@/lib/auth/signed-cookie';
import { getAuth } from './auth';
import { authPolicy } from '@/server/auth/policy';

/**
 * The signed-in user's access, read afresh from the database for every request (once per
 * request: the layout and the page both ask). The session cookie's signature is checked here
 * (better-auth signed it at sign-in), and one query reads the session, its user and their
 * sites: better-auth's getSession would read the session and the user again on its own.
 */
export const getAccess = cache(async (): Promise<Access | null> => {
  // Reading the request first marks every page that checks access as dynamic, so the build
  // never opens the database.
  const jar = await cookies();
  try {
    const context = await (await getAuth()).$context;
    const cookie = jar.get(context.authCookies.sessionToken.name)?.value;
    const token = cookie ? verifiedCookieValue(cookie, context.secret) : null;
    if (!token) return null;
    // The idle rule, the user's role and sites: one query (db/queries/sign-in.ts).
    return await sessionAccess(await getDb(), token, authPolicy());
  } catch (e) {
    // The database cannot be reached: a clean error (no query, no token) that pages show as
    // "temporarily unavailable", actions and API routes answer as such.
    rethrowUnavailable(e);
  }
});

export async function requireAccess(): Promise<Access> {
  const access = await getAccess();
  if (!access) redirect('/login');
  return access;
}

/** Pages outside a user's role answer not-found, as other sites' records do. */
export async function requireRole(roles: readonly Role[]): Promise<Access> {
  const access = await requireAccess();
  if (!roles.includes(access.role)) notFound();
  return access;
}
