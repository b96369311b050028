import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { recordName, type RecordFacts } from '@/lib/audit/describe';
import { isIsoDate } from '@/lib/dates';
import { escapeFormula } from '@/lib/interchange';
import type { Db } from '../client';
import { CLINICAL_ENTITIES, adverseEvents, auditLog, cohorts, patients, relapses, sites, user, visits } from '../schema';

// The whole audit trail, for auditors and admins (the caller checks the role): a filtered
// page for the screen, and the same filter as CSV, read a batch at a time. Each entry comes
// with what names its record (the patient's code, the visit's date, the event's term...),
// joined in the same query that applies the site scope.

export type AuditTrailFilters = {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** The patient's code (any case): the patient's entries and those of its records. */
  patientCode?: string;
  /** The entries of one user action. */
  correlationId?: string;
  /** Calendar days, inclusive (YYYY-MM-DD), in the database's time zone. */
  from?: string;
  to?: string;
  /** When given, entries about patients and their records only for these sites' records. */
  siteIds?: string[];
};

const actorUser = alias(user, 'actor_user');
const entryUser = alias(user, 'entry_user');

/** The entry's id as the uuid of a record of `entity`, null for entries about anything else. */
function idOf(entity: string): SQL {
  return sql`case when ${auditLog.entity} = ${entity} and ${auditLog.entityId} ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then ${auditLog.entityId}::uuid end`;
}

const entryPatientId = sql`coalesce(${visits.patientId}, ${adverseEvents.patientId}, ${relapses.patientId}, ${idOf('patient')})`;

/**
 * The trail with, for each entry, its author and its record: the visit, event or relapse it
 * names and their patient (or the patient itself), the user, cohort or site. Every join is on a
 * primary key: a page of entries costs a few index look-ups per entry.
 */
function withRecords<Q extends PgSelect>(query: Q): Q {
  // The joins give the query no new columns (its selection names them already): it stays a Q.
  return query
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(visits, sql`${visits.id} = ${idOf('visit')}`)
    .leftJoin(adverseEvents, sql`${adverseEvents.id} = ${idOf('adverse_event')}`)
    .leftJoin(relapses, sql`${relapses.id} = ${idOf('relapse')}`)
    .leftJoin(patients, sql`${patients.id} = ${entryPatientId}`)
    .leftJoin(entryUser, sql`${entryUser.id} = case when ${auditLog.entity} = 'user' then ${auditLog.entityId} end`)
    .leftJoin(cohorts, sql`${cohorts.id} = ${idOf('cohort')}`)
    .leftJoin(sites, sql`${sites.id} = ${idOf('site')}`) as unknown as Q;
}

/** Clinical entries of other sites stay hidden: their before and after values are patient data. */
function siteScope(siteIds: string[]): SQL {
  const clinical = sql.join(CLINICAL_ENTITIES.map((e) => sql`${e}`), sql`, `);
  return sql`(${auditLog.entity} not in (${clinical}) or ${siteIds.length ? inArray(patients.siteId, siteIds) : sql`false`})`;
}

function conditions(f: AuditTrailFilters): (SQL | undefined)[] {
  return [
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.patientCode ? sql`upper(${patients.code}) = upper(${f.patientCode})` : undefined,
    f.correlationId ? eq(auditLog.correlationId, f.correlationId) : undefined,
    f.from && isIsoDate(f.from) ? sql`${auditLog.at} >= ${f.from}::date` : undefined,
    f.to && isIsoDate(f.to) ? sql`${auditLog.at} < ${f.to}::date + 1` : undefined,
    f.siteIds ? siteScope(f.siteIds) : undefined,
  ];
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
  correlationId: string | null;
  hash: string;
  /** What names the entry's record (lib/audit/describe.ts, recordName). */
  record: RecordFacts;
};

const selection = {
  id: auditLog.id,
  seq: auditLog.seq,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorName: actorUser.name,
  actorEmail: actorUser.email,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  reason: auditLog.reason,
  correlationId: auditLog.correlationId,
  hash: auditLog.hash,
  patientId: patients.id,
  patientCode: patients.code,
  visitDate: visits.visitDate,
  eventTerm: adverseEvents.term,
  relapseDate: relapses.relapseDate,
  relapseDomain: relapses.domain,
  voided: sql<boolean>`coalesce(${visits.voidedAt}, ${adverseEvents.voidedAt}, ${relapses.voidedAt}, ${patients.voidedAt}) is not null`,
  userName: entryUser.name,
  userEmail: entryUser.email,
  cohortCode: cohorts.code,
  siteCode: sites.code,
};

/** An entry as the query reads it: a left-joined record's columns are null when the entry is not about it. */
type Row = Omit<AuditTrailEntry, 'record'> & Omit<RecordFacts, 'entity' | 'entityId' | 'action'>;

function toEntry(r: Row): AuditTrailEntry {
  return {
    id: Number(r.id),
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    actorEmail: r.actorEmail,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    reason: r.reason,
    correlationId: r.correlationId,
    hash: r.hash,
    record: {
      entity: r.entity,
      entityId: r.entityId,
      action: r.action,
      patientId: r.patientId,
      patientCode: r.patientCode,
      visitDate: r.visitDate,
      eventTerm: r.eventTerm,
      relapseDate: r.relapseDate,
      relapseDomain: r.relapseDomain,
      voided: Boolean(r.voided),
      userName: r.userName,
      userEmail: r.userEmail,
      cohortCode: r.cohortCode,
      siteCode: r.siteCode,
    },
  };
}

/** Newest first; `total` counts every entry the filters match. */
export async function listAuditTrail(
  db: Db,
  { filters = {}, limit = 50, offset = 0 }: { filters?: AuditTrailFilters; limit?: number; offset?: number },
): Promise<{ entries: AuditTrailEntry[]; total: number }> {
  const where = and(...conditions(filters));
  const rows = (await withRecords(db.select(selection).from(auditLog).$dynamic())
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(Math.min(Math.max(1, Math.trunc(limit)), 1000))
    .offset(Math.max(0, Math.trunc(offset)))) as Row[];
  const [total] = (await withRecords(db.select({ n: count() }).from(auditLog).$dynamic()).where(where)) as { n: number }[];
  return { entries: rows.map(toEntry), total: total?.n ?? 0 };
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'correlation_id',
  'actor_id',
  'actor_name',
  'actor_email',
  'action',
  'entity',
  'entity_id',
  'record',
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
    e.correlationId ?? '',
    e.actorId,
    e.actorName ?? '',
    e.actorEmail ?? '',
    e.action,
    e.entity,
    e.entityId,
    recordName(e.record).text,
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
    const rows = (await withRecords(db.select(selection).from(auditLog).$dynamic())
      .where(and(gt(auditLog.seq, lastSeq), ...conditions(filters)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize)) as Row[];
    if (rows.length === 0) return;
    const entries = rows.map(toEntry);
    // Reasons, names and terms are free text: one starting with = + - @ would run as a spreadsheet formula.
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
