import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { isIsoDate } from '@/lib/dates';
import { escapeFormula } from '@/lib/interchange';
import type { Db } from '../client';
import { CLINICAL_ENTITIES, adverseEvents, auditLog, patients, relapses, user, visits } from '../schema';
import { atSites } from './scope';

// The whole audit trail, for auditors and admins (the caller checks the role): a filtered
// page for the screen, and the same filter as CSV, read a batch at a time.

export type AuditTrailFilters = {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** Calendar days, inclusive (YYYY-MM-DD), in the database's time zone. */
  from?: string;
  to?: string;
  /** When given, entries about patients and their records only for these sites' records. */
  siteIds?: string[];
};

/** Clinical entries of other sites stay hidden: their before and after values are patient data. */
function siteScope(siteIds: string[]): SQL {
  const sites = atSites(siteIds);
  const clinical = sql.join(CLINICAL_ENTITIES.map((e) => sql`${e}`), sql`, `);
  return sql`(${auditLog.entity} not in (${clinical}) or ${auditLog.entityId} in (
    select ${patients.id}::text from ${patients} where ${sites}
    union all select ${visits.id}::text from ${visits} join ${patients} on ${patients.id} = ${visits.patientId} where ${sites}
    union all select ${adverseEvents.id}::text from ${adverseEvents} join ${patients} on ${patients.id} = ${adverseEvents.patientId} where ${sites}
    union all select ${relapses.id}::text from ${relapses} join ${patients} on ${patients.id} = ${relapses.patientId} where ${sites}))`;
}

export type AuditTrailEntry = {
  id: number;
  seq: number;
  at: Date;
  actorId: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
};

function conditions(f: AuditTrailFilters): (SQL | undefined)[] {
  return [
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.from && isIsoDate(f.from) ? sql`${auditLog.at} >= ${f.from}::date` : undefined,
    f.to && isIsoDate(f.to) ? sql`${auditLog.at} < ${f.to}::date + 1` : undefined,
    f.siteIds ? siteScope(f.siteIds) : undefined,
  ];
}

const selection = {
  id: auditLog.id,
  seq: auditLog.seq,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: user.name,
  actorEmail: user.email,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  reason: auditLog.reason,
  hash: auditLog.hash,
};

function toEntry(r: AuditTrailEntry): AuditTrailEntry {
  return { ...r, id: Number(r.id), seq: Number(r.seq) };
}

/** Newest first; `total` counts every entry the filters match. */
export async function listAuditTrail(
  db: Db,
  { filters = {}, limit = 50, offset = 0 }: { filters?: AuditTrailFilters; limit?: number; offset?: number },
): Promise<{ entries: AuditTrailEntry[]; total: number }> {
  const where = and(...conditions(filters));
  const rows = await db
    .select(selection)
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(Math.min(Math.max(1, Math.trunc(limit)), 1000))
    .offset(Math.max(0, Math.trunc(offset)));
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { entries: rows.map(toEntry), total: total?.n ?? 0 };
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'actor_email',
  'action',
  'entity',
  'entity_id',
  'reason',
  'before',
  'after',
  'hash',
] as const;

function csvRow(e: AuditTrailEntry): string[] {
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return [
    String(e.seq),
    e.at.toISOString(),
    e.actorId,
    e.actorName ?? '',
    e.actorEmail ?? '',
    e.action,
    e.entity,
    e.entityId,
    e.reason ?? '',
    json(e.before),
    json(e.after),
    e.hash,
  ];
}

/** The filtered trail as CSV, in chain order, a header then one chunk per batch of entries. */
export async function* auditTrailCsvChunks(
  db: Db,
  { filters = {}, batchSize = 1000 }: { filters?: AuditTrailFilters; batchSize?: number } = {},
): AsyncGenerator<string> {
  yield stringify([[...AUDIT_CSV_COLUMNS]]);
  let lastSeq = 0;
  for (;;) {
    const rows = await db
      .select(selection)
      .from(auditLog)
      .leftJoin(user, eq(user.id, auditLog.actorId))
      .where(and(gt(auditLog.seq, lastSeq), ...conditions(filters)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) return;
    const entries = rows.map(toEntry);
    // Reasons and names are free text: one starting with = + - @ would run as a spreadsheet formula.
    yield stringify(entries.map((e) => csvRow(e).map(escapeFormula)));
    lastSeq = entries[entries.length - 1]!.seq;
    if (rows.length < batchSize) return;
  }
}

export async function auditTrailCsv(db: Db, { filters = {} }: { filters?: AuditTrailFilters } = {}): Promise<string> {
  let out = '';
  for await (const chunk of auditTrailCsvChunks(db, { filters })) out += chunk;
  return out;
}
