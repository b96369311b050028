import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The value of a cookie better-auth signed (`value.signature`, the signature an HMAC-SHA256
 * of the value under the app's secret, in base64), or null when it is not signed with that
 * secret. The session cookie is read this way on every request, so that a request needs one
 * query for its access (server/auth/session.ts) instead of better-auth's look-ups of the session
 * and the user followed by ours.
 */
export function verifiedCookieValue(cookie: string, secret: string): string | null {
  const dot = cookie.lastIndexOf('.');
  if (dot < 1) return null;
  const value = cookie.slice(0, dot);
  const given = Buffer.from(cookie.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(value).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
