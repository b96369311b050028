import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Access } from '@/lib/auth/access';
import type { AuthPolicy } from '@/lib/auth/policy';
import type { Role } from '@/lib/codes';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { UnlockInput } from '@/lib/schemas/user';
import { writeAudit } from '../audit';
import { selectRows, type Db } from '../client';
import { session, signInFailures, user } from '../schema';
import { userSiteIds } from './users';

// Failed sign-ins and session activity live in the database, so that every server instance
// applies the same lock and the same idle time.

/** The account's lock row, while the lock lasts. */
function lockedNow(tx: Db, email: string) {
  return tx
    .select({ failures: signInFailures.failures, lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(sql`${signInFailures.email} = ${email} and ${signInFailures.lockedUntil} > now()`);
}

/** When the address is locked, until when; null when it may try. */
export async function lockedUntil(db: Db, email: string): Promise<Date | null> {
  return (await signInLock(db, email))?.lockedUntil ?? null;
}

/**
 * Counts one more failure for the address in one statement (two servers counting at once
 * cannot lose one). The count starts again after an expired lock or a quiet lock-length.
 */
export async function recordSignInFailure(db: Db, email: string, policy: AuthPolicy): Promise<{ failures: number; lockedUntil: Date | null }> {
  const lock = sql`make_interval(secs => ${policy.lockMinutes * 60})`;
  const [row] = await selectRows<{ failures: number; lockedUntil: string | null }>(
    db,
    sql`insert into ${signInFailures} as f (email, failures, last_failure_at, locked_until)
        values (${email}, 1, now(), case when 1 >= ${policy.maxFailures} then now() + ${lock} end)
        on conflict (email) do update set
          failures = case when f.locked_until <= now() or f.last_failure_at < now() - ${lock} then 1 else f.failures + 1 end,
          last_failure_at = now(),
          locked_until = case
            when f.locked_until > now() then f.locked_until
            when (case when f.locked_until <= now() or f.last_failure_at < now() - ${lock} then 1 else f.failures + 1 end) >= ${policy.maxFailures} then now() + ${lock}
          end
        returning failures, locked_until::text as "lockedUntil"`,
  );
  return { failures: Number(row!.failures), lockedUntil: row!.lockedUntil ? new Date(row!.lockedUntil) : null };
}

/** A failed or refused sign-in (or signature), in the audit trail under the account it named (or "anonymous"). */
export async function auditSignIn(db: Db, action: 'sign_in_failed' | 'sign_in_locked', email: string, details: Record<string, unknown>): Promise<void> {
  const [known] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  await writeAudit(db, { actorId: known?.id ?? 'anonymous', action, entity: 'session', entityId: email, after: details });
}

/**
 * A wrong password, typed to sign in or to sign a record: counted, audited, and the lock's entry
 * written when this failure sets it. `details` join the entry (a signature's `signing: true`).
 */
export async function countRefusedPassword(
  db: Db,
  { email, policy, details = {} }: { email: string; policy: AuthPolicy; details?: Record<string, unknown> },
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const counted = await recordSignInFailure(db, email, policy);
  await auditSignIn(db, 'sign_in_failed', email, { failures: counted.failures, ...details });
  if (counted.lockedUntil && counted.failures === policy.maxFailures)
    await auditSignIn(db, 'sign_in_locked', email, { failures: counted.failures, lockedUntil: counted.lockedUntil.toISOString(), ...details });
  return counted;
}

/** The account's lock, when it is locked now: for the admin's user page. */
export async function signInLock(db: Db, email: string): Promise<{ failures: number; lockedUntil: Date } | null> {
  const [row] = await lockedNow(db, email);
  return row?.lockedUntil ? { failures: row.failures, lockedUntil: row.lockedUntil } : null;
}

/**
 * An admin ends a user's sign-in lock before its time, with a reason. The entry sits in the
 * trail beside the lock's own (entity `session`, the account's email); the failure count goes
 * with the lock, so the user starts again from five tries.
 */
export async function unlockAccount(db: Db, { actorId, userId, input }: { actorId: string; userId: string; input: UnlockInput }): Promise<void> {
  if (typeof userId !== 'string' || userId.includes('\u0000')) throw new NotFoundError('User'); // PostgreSQL would refuse the query
  await db.transaction(async (tx) => {
    const [account] = await tx.select({ email: user.email }).from(user).where(eq(user.id, userId));
    if (!account) throw new NotFoundError('User');
    const [lock] = await lockedNow(tx, account.email).for('update');
    if (!lock) throw new ConflictError('This account is no longer locked (its lock ended or someone unlocked it): nothing was changed.');
    await tx.delete(signInFailures).where(eq(signInFailures.email, account.email));
    await writeAudit(tx, {
      actorId,
      action: 'sign_in_unlocked',
      entity: 'session',
      entityId: account.email,
      before: { failures: lock.failures, lockedUntil: lock.lockedUntil?.toISOString() ?? null },
      reason: input.reason,
    });
  });
}

export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}

/**
 * The access a session (found by its token) opens, read in one query: null when the session
 * is gone, expired or idle by the idle rule, or its user deactivated. The session is marked
 * used (at most once every 30 seconds, so that reading pages does not write on every
 * request); an idle session is deleted: its cookie then opens nothing, on any server. Its
 * sites are userSiteIds'.
 */
export async function sessionAccess(db: Db, token: string, policy: AuthPolicy): Promise<Access | null> {
  const idle = sql`make_interval(secs => ${policy.idleMinutes * 60})`;
  const [row] = await selectRows<{ alive: boolean; stale: boolean; userId: string; name: string; email: string; role: Role; deactivated: boolean; siteIds: string[] }>(
    db,
    sql`select s.last_seen_at > now() - ${idle} and s.expires_at > now() as alive, s.last_seen_at < now() - interval '30 seconds' as stale,
          ${user.id} as "userId", ${user.name} as name, ${user.email} as email, ${user.role} as role,
          ${user.deactivatedAt} is not null as deactivated, ${userSiteIds} as "siteIds"
        from ${session} s join ${user} on ${user.id} = s.user_id where s.token = ${token}`,
  );
  if (!row) return null;
  if (!row.alive) {
    await db.delete(session).where(eq(session.token, token));
    return null;
  }
  if (row.stale) await db.update(session).set({ lastSeenAt: sql`now()` }).where(eq(session.token, token));
  if (row.deactivated) return null;
  return { userId: row.userId, name: row.name, email: row.email, role: row.role, siteIds: row.siteIds };
}
