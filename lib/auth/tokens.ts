// Personal access tokens (docs/api-tokens.md): the rules the account page, the API routes and
// the data layer share. The secret is made and hashed in db/queries/tokens.ts.

export const TOKEN_PREFIX = 'dmj_';
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const MAX_TOKEN_DAYS = 365;

/** What the token's list shows of a secret: the prefix and four characters. */
export function tokenHint(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 4);
}

const SECRET = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/**
 * The secret of an `Authorization: Bearer …` header; null when the request has no such header;
 * 'malformed' when it has one that cannot be one of our tokens.
 */
export function bearerSecret(authorization: string | null): string | null | 'malformed' {
  if (authorization === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return 'malformed';
  return SECRET.test(match[1]!) ? match[1]! : 'malformed';
}

/** The scope a request needs: reading methods need `read`, every other `write`. */
export function scopeFor(method: string): TokenScope {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}
