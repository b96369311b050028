import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { adverseEvents, auditLog, patients, relapses, user, visits } from '../schema';
import { atSites, canReach, isUuid } from './scope';

// A record's history, from the audit trail: every version, who made it, when, why, and what
// changed. Voided records keep their history (the void is its last entry).

export type HistoryEntity = 'patient' | 'visit' | 'adverse_event' | 'relapse';

export type FieldChange = { field: string; before: unknown; after: unknown };

export type HistoryEntry = {
  seq: number;
  at: Date;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  reason: string | null;
  /** The record's version after this entry, when the entry carries it. */
  version: number | null;
  changes: FieldChange[];
};

// Bookkeeping every row carries; the entry's own who and when say it already.
const HIDDEN = new Set(['id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'voidedAt', 'voidedBy', 'reviewedAt', 'reviewedBy']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/** The fields whose values differ between two versions; on a create, the fields given. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const created = !isObject(before);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !HIDDEN.has(k));
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const was = b[field] ?? null;
    const now = a[field] ?? null;
    if (created ? isEmpty(now) : JSON.stringify(was) === JSON.stringify(now)) continue;
    changes.push({ field, before: created ? null : was, after: now });
  }
  return changes;
}

/**
 * Whether the record exists (voided or not) and belongs to one of the sites; for a visit or an
 * adverse event with `patientId`, also whether it is that patient's.
 */
async function inSites(db: Db, entity: HistoryEntity, id: string, siteIds: string[], patientId?: string): Promise<boolean> {
  if (entity === 'patient') {
    const rows = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, id), atSites(siteIds)));
    return rows.length > 0;
  }
  const table = entity === 'visit' ? visits : entity === 'relapse' ? relapses : adverseEvents;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .innerJoin(patients, eq(patients.id, table.patientId))
    .where(and(eq(table.id, id), atSites(siteIds), patientId === undefined ? undefined : eq(table.patientId, patientId)));
  return rows.length > 0;
}

export async function recordHistory(
  db: Db,
  { siteIds, entity, id, patientId }: { siteIds: string[]; entity: HistoryEntity; id: string; patientId?: string },
): Promise<HistoryEntry[] | null> {
  if (!canReach(siteIds, id) || (patientId !== undefined && !isUuid(patientId))) return null;
  if (!(await inSites(db, entity, id, siteIds, patientId))) return null;
  const rows = await db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: user.name,
      actorEmail: user.email,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.seq));
  return rows.map((r) => {
    const version = isObject(r.after) && typeof r.after.version === 'number' ? r.after.version : null;
    return {
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      actorEmail: r.actorEmail,
      action: r.action,
      reason: r.reason,
      version,
      changes: changedFields(r.before, r.after),
    };
  });
}
