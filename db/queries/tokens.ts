import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Access } from '@/lib/auth/access';
import { TOKEN_PREFIX, tokenHint, type TokenScope } from '@/lib/auth/tokens';
import { NotFoundError } from '@/lib/errors';
import type { NewTokenInput } from '@/lib/schemas/token';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { accessTokens, user } from '../schema';
import { loadAccess } from './users';

// Personal access tokens (docs/api-tokens.md). The secret has 256 random bits: a plain SHA-256
// is as safe to keep as a slow password hash for it, and lets a request find its token by the
// unique index. Making and revoking a token are audited (entity `access_token`); what a token
// does is audited under its user with the token's name (db/correlation.ts).

function newSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export type TokenRow = {
  id: string;
  name: string;
  scopes: TokenScope[];
  hint: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The token's fields an audit entry and a list show: never its hash. */
const shown = {
  id: accessTokens.id,
  name: accessTokens.name,
  scopes: accessTokens.scopes,
  hint: accessTokens.hint,
  createdAt: accessTokens.createdAt,
  expiresAt: accessTokens.expiresAt,
  lastUsedAt: accessTokens.lastUsedAt,
  revokedAt: accessTokens.revokedAt,
};

/** Makes a token for `userId`; the secret is in the answer and nowhere else. */
export async function createToken(
  db: Db,
  { actorId, userId, input }: { actorId: string; userId: string; input: NewTokenInput },
): Promise<{ token: TokenRow; secret: string }> {
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [owner] = await tx.select({ id: user.id, deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, userId));
    if (!owner || owner.deactivatedAt) throw new NotFoundError('User');
    const [token] = await tx
      .insert(accessTokens)
      .values({
        userId,
        name: input.name,
        scopes: input.scopes,
        secretHash: secretHash(secret),
        hint: tokenHint(secret),
        expiresAt: sql`now() + make_interval(days => ${input.days})`,
      })
      .returning(shown);
    await writeAudit(tx, { actorId, action: 'create', entity: 'access_token', entityId: token!.id, after: { ...token, userId } });
    return { token: token as TokenRow, secret };
  });
}

/** A user's tokens, newest first, revoked and expired ones included (the page says which). */
export async function listTokens(db: Db, userId: string): Promise<TokenRow[]> {
  return (await db.select(shown).from(accessTokens).where(eq(accessTokens.userId, userId)).orderBy(desc(accessTokens.createdAt))) as TokenRow[];
}

/** Every token of every user, for an admin: the live ones first. */
export async function listAllTokens(db: Db): Promise<(TokenRow & { userName: string; userEmail: string })[]> {
  const rows = await db
    .select({ ...shown, userName: user.name, userEmail: user.email })
    .from(accessTokens)
    .innerJoin(user, eq(user.id, accessTokens.userId))
    .orderBy(sql`${accessTokens.revokedAt} is not null`, desc(accessTokens.createdAt));
  return rows as (TokenRow & { userName: string; userEmail: string })[];
}

/**
 * Revokes a token at once: its next request is refused. `ownerId`: the token must be this
 * user's (a user revoking their own); an admin passes none. Revoking a revoked token is refused.
 */
export async function revokeToken(db: Db, { actorId, tokenId, ownerId }: { actorId: string; tokenId: string; ownerId?: string }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(tokenId)) throw new NotFoundError('Token');
  await db.transaction(async (tx) => {
    const [token] = await tx
      .update(accessTokens)
      .set({ revokedAt: sql`now()`, revokedBy: actorId })
      .where(and(eq(accessTokens.id, tokenId), isNull(accessTokens.revokedAt), ownerId ? eq(accessTokens.userId, ownerId) : undefined))
      .returning(shown);
    if (!token) throw new NotFoundError('Token');
    await writeAudit(tx, { actorId, action: 'revoke', entity: 'access_token', entityId: token.id, after: token });
  });
}

export type TokenAccess = { access: Access; token: { id: string; name: string; scopes: TokenScope[] } };

/**
 * The access a secret gives: its user's role and sites as they are now, while the token is
 * neither revoked nor expired and its user may sign in; null otherwise. Marks the token used.
 */
export async function tokenAccess(db: Db, secret: string): Promise<TokenAccess | null> {
  const [token] = await db
    .update(accessTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(accessTokens.secretHash, secretHash(secret)), isNull(accessTokens.revokedAt), sql`${accessTokens.expiresAt} > now()`))
    .returning({ id: accessTokens.id, name: accessTokens.name, scopes: accessTokens.scopes, userId: accessTokens.userId });
  if (!token) return null;
  const access = await loadAccess(db, token.userId);
  if (!access) return null;
  return { access, token: { id: token.id, name: token.name, scopes: token.scopes as TokenScope[] } };
}
