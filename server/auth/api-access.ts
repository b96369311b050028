import 'server-only';
import { getDb } from '@/db/client';
import { asTokenUse } from '@/db/correlation';
import { auditSignIn, lockedUntil, recordSignInFailure } from '@/db/queries/sign-in';
import { tokenAccess } from '@/db/queries/tokens';
import { problemResponse } from '@/lib/api/problem';
import type { Access } from '@/lib/auth/access';
import { bearerSecret, scopeFor } from '@/lib/auth/tokens';
import { clientAddress } from './auth';
import { authPolicy } from './policy';
import { getAccess } from './session';

// Who is calling an API route: a script with `Authorization: Bearer <token>` (docs/api-tokens.md)
// or the app's own pages with the session. A wrong token counts against the caller's address
// as a wrong password does (db/queries/sign-in.ts), so tokens cannot be guessed at speed; a
// token acts with its user's role and sites and only within its scopes, and every entry the
// request writes to the audit trail names it.

/** The key a wrong token is counted under: the client's address, apart from sign-in's emails. */
const failureKey = (address: string | null) => `token:${address ?? 'unknown'}`;

function refusal(status: 401 | 403 | 429, detail: string, headers: Record<string, string> = {}) {
  return problemResponse(status, detail, { headers });
}

function tooMany(until: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return refusal(429, `Too many wrong tokens from this address: try again after ${until.toISOString().slice(11, 16)} UTC.`, { 'retry-after': String(seconds) });
}

/**
 * Wraps an API route's handler: the handler runs with the caller's access, or the caller is
 * answered 401 (no session, or a wrong, revoked or expired token), 403 (a token without the
 * scope the method needs) or 429 (too many wrong tokens).
 */
export function withApiAccess<C>(signedOut: string, handler: (access: Access, request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const secret = bearerSecret(request.headers.get('authorization'));
    if (secret === null) {
      const access = await getAccess();
      return access ? handler(access, request, context) : refusal(401, signedOut);
    }
    const db = await getDb();
    const key = failureKey(clientAddress(request.headers));
    const locked = await lockedUntil(db, key);
    if (locked) return tooMany(locked);
    const found = secret === 'malformed' ? null : await tokenAccess(db, secret);
    if (!found) {
      const policy = authPolicy();
      const failure = await recordSignInFailure(db, key, policy);
      if (failure.lockedUntil) {
        // The lock is audited as a sign-in lock is: an auditor sees tokens being guessed.
        if (failure.failures === policy.maxFailures)
          await auditSignIn(db, 'sign_in_locked', key, { failures: failure.failures, lockedUntil: failure.lockedUntil.toISOString() });
        return tooMany(failure.lockedUntil);
      }
      return refusal(401, 'The token is not valid: it may be mistyped, revoked or expired.', { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const needed = scopeFor(request.method);
    if (!found.token.scopes.includes(needed))
      return refusal(403, `The token "${found.token.name}" has no ${needed} scope.`, { 'www-authenticate': `Bearer error="insufficient_scope", scope="${needed}"` });
    return asTokenUse(found.token.name, () => handler(found.access, request, context));
  };
}
