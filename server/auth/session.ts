import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { sessionAccess } from '@/db/queries/sign-in';
import type { Role } from '@/lib/codes';
import { rethrowUnavailable } from '@/lib/db-unavailable';
import type { Access } from '@/lib/auth/access';
import { getAuth } from './auth';
import { authPolicy } from '@/server/auth/policy';

/**
 * The signed-in user's access, read afresh from the database for every request (once per
 * request: the layout and the page both ask).
 */
export const getAccess = cache(async (): Promise<Access | null> => {
  // Reading the request first marks every page that checks access as dynamic, so the build
  // never opens the database.
  const requestHeaders = await headers();
  try {
    const auth = await getAuth();
    const session = await auth.api.getSession({ headers: requestHeaders });
    if (!session) return null;
    // The idle rule, the user's role and sites: one query (db/queries/sign-in.ts).
    return await sessionAccess(await getDb(), session.session.id, authPolicy());
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
