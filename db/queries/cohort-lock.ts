import 'server-only';
import { eq, inArray, type SQLWrapper } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { cohorts, user } from '../schema';

// A cohort locked for analysis: while it is locked no record of its patients may be created,
// changed or voided, by a form or an import, so that the data an analysis read stay as read.
// Writers take the cohort's row FOR KEY SHARE (what a foreign key check takes anyway) and the
// lock takes it FOR UPDATE: a write under way when the lock comes finishes first, and a write
// after it sees the lock.

export type CohortLock = { lockedAt: Date; lockedBy: string; lockedByName: string; reason: string };

/** The cohort (null when there is none) and its lock (null when it is open). */
export async function getCohortLock(db: Db, cohortCode: string): Promise<{ code: string; lock: CohortLock | null } | null> {
  if (cohortCode.includes('\u0000')) return null;
  const [row] = await db
    .select({ code: cohorts.code, lockedAt: cohorts.lockedAt, lockedBy: cohorts.lockedBy, reason: cohorts.lockReason, name: user.name })
    .from(cohorts)
    .leftJoin(user, eq(user.id, cohorts.lockedBy))
    .where(eq(cohorts.code, cohortCode));
  if (!row) return null;
  const lock = row.lockedAt
    ? { lockedAt: row.lockedAt, lockedBy: row.lockedBy ?? '', lockedByName: row.name ?? row.lockedBy ?? 'unknown', reason: row.reason ?? '' }
    : null;
  return { code: row.code, lock };
}

export function lockedMessage(code: string, lockedAt: Date): string {
  return `Cohort ${code} is locked for analysis since ${lockedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: its records cannot be changed until a coordinator unlocks it. Nothing was saved.`;
}

/**
 * Refuses the write when one of the cohorts is locked; otherwise holds them open until the
 * transaction ends. The cohorts by id, or as a query of their ids (a patient's, read in the
 * same statement).
 */
export async function assertCohortsOpen(tx: Db, cohortIds: string[] | SQLWrapper): Promise<void> {
  if (Array.isArray(cohortIds) && cohortIds.length === 0) return;
  const rows = await tx
    .select({ code: cohorts.code, lockedAt: cohorts.lockedAt })
    .from(cohorts)
    .where(inArray(cohorts.id, Array.isArray(cohortIds) ? [...new Set(cohortIds)] : cohortIds))
    .for('key share');
  const locked = rows.find((r) => r.lockedAt);
  if (locked) throw new ConflictError(lockedMessage(locked.code, locked.lockedAt!));
}

/** Locks (`locked` true) or unlocks the cohort, with the reason in the audit trail. */
export async function setCohortLock(
  db: Db,
  { actorId, cohortCode, locked, reason }: { actorId: string; cohortCode: string; locked: boolean; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(cohorts).where(eq(cohorts.code, cohortCode)).for('update');
    if (!row) throw new NotFoundError('Cohort');
    if (locked === (row.lockedAt !== null))
      throw new ConflictError(`Cohort ${row.code} is ${locked ? 'already locked' : 'not locked'} (someone else may have just ${locked ? 'locked' : 'unlocked'} it). Nothing was changed.`);
    const lock = locked ? { lockedAt: new Date(), lockedBy: actorId, lockReason: reason } : { lockedAt: null, lockedBy: null, lockReason: null };
    await tx.update(cohorts).set(lock).where(eq(cohorts.id, row.id));
    const before = { lockedAt: row.lockedAt?.toISOString() ?? null, lockedBy: row.lockedBy };
    const after = { lockedAt: lock.lockedAt?.toISOString() ?? null, lockedBy: lock.lockedBy };
    await writeAudit(tx, { actorId, action: locked ? 'lock' : 'unlock', entity: 'cohort', entityId: row.id, before, after, reason });
  });
}
