import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import { recordName, type RecordFacts } from '@/lib/audit/describe';
import { isIsoDate } from '@/lib/dates';
import { escapeFormula } from '@/lib/interchange';
import type { Db } from '../client';
import { CLINICAL_ENTITIES, accessTokens, adverseEvents, auditLog, cohorts, patients, relapses, sites, user, visits } from '../schema';
import { patientCodeStartsWith } from './patients';
import { atSites } from './scope';

// The whole audit trail, for auditors and admins (the caller checks the role): a filtered
// page for the screen, and the same filter as CSV, read a batch at a time. Each entry comes
// with what names its record (the patient's code, the visit's date, the event's term...),
// joined in the same query that applies the site scope. The filters read the trail's own
// columns (the scope and the patient code through the ids of the records they allow), so that
// counting 100,000 entries joins nothing and a page joins its 50 entries only.

export type AuditTrailFilters = {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** The beginning of a patient's code (any case): the entries of the patients whose code begins so, and of their records. */
  patientCodePrefix?: string;
  /** The entries of one user action. */
  correlationId?: string;
  /** Calendar days, inclusive (YYYY-MM-DD), in UTC as the trail shows its times. */
  from?: string;
  to?: string;
  /** When given, entries about patients and their records only for these sites' records. */
  siteIds?: string[];
};

// The tables that name an entry's record, joined under names of their own: the filters'
// subqueries read the same tables.
const actorUser = alias(user, 'actor_user');
const recordUser = alias(user, 'record_user');
const recordVisit = alias(visits, 'record_visit');
const recordEvent = alias(adverseEvents, 'record_event');
const recordRelapse = alias(relapses, 'record_relapse');
const recordPatient = alias(patients, 'record_patient');
const recordCohort = alias(cohorts, 'record_cohort');
const recordSite = alias(sites, 'record_site');
const recordToken = alias(accessTokens, 'record_token');

/** The entry's id as the uuid of a record of `entity`, null for entries about anything else. */
function idOf(entity: string): SQL {
  return sql`case when ${auditLog.entity} = ${entity} and ${auditLog.entityId} ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' then ${auditLog.entityId}::uuid end`;
}

/**
 * The trail with, for each entry, its author and its record: the visit, event or relapse it
 * names and their patient (or the patient itself), the user, cohort or site. Every join is on a
 * primary key and the filters read the trail's own columns, so the joins run for the entries
 * shown only.
 */
function withRecords<Q extends PgSelect>(query: Q): Q {
  const patientId = sql`coalesce(${recordVisit.patientId}, ${recordEvent.patientId}, ${recordRelapse.patientId}, ${idOf('patient')})`;
  // The joins give the query no new columns (its selection names them already): it stays a Q.
  return query
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(recordVisit, sql`${recordVisit.id} = ${idOf('visit')}`)
    .leftJoin(recordEvent, sql`${recordEvent.id} = ${idOf('adverse_event')}`)
    .leftJoin(recordRelapse, sql`${recordRelapse.id} = ${idOf('relapse')}`)
    .leftJoin(recordPatient, sql`${recordPatient.id} = ${patientId}`)
    .leftJoin(recordUser, sql`${recordUser.id} = case when ${auditLog.entity} = 'user' then ${auditLog.entityId} end`)
    .leftJoin(recordCohort, sql`${recordCohort.id} = ${idOf('cohort')}`)
    .leftJoin(recordSite, sql`${recordSite.id} = ${idOf('site')}`)
    .leftJoin(recordToken, sql`${recordToken.id} = ${idOf('access_token')}`) as unknown as Q;
}

/** (entity, id) as the trail writes them, of the patients `which` picks and of their visits, events and relapses. */
function clinicalRecords(which: SQL): SQL {
  return sql`select 'patient', ${patients.id}::text from ${patients} where ${which}
    union all select 'visit', ${visits.id}::text from ${visits} join ${patients} on ${patients.id} = ${visits.patientId} where ${which}
    union all select 'adverse_event', ${adverseEvents.id}::text from ${adverseEvents} join ${patients} on ${patients.id} = ${adverseEvents.patientId} where ${which}
    union all select 'relapse', ${relapses.id}::text from ${relapses} join ${patients} on ${patients.id} = ${relapses.patientId} where ${which}`;
}

/** Clinical entries of other sites stay hidden: their before and after values are patient data. */
function siteScope(siteIds: string[]): SQL {
  const clinical = sql.join(CLINICAL_ENTITIES.map((e) => sql`${e}`), sql`, `);
  return sql`(${auditLog.entity} not in (${clinical}) or (${auditLog.entity}, ${auditLog.entityId}) in (${clinicalRecords(atSites(siteIds))}))`;
}

function conditions(f: AuditTrailFilters): (SQL | undefined)[] {
  return [
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.patientCodePrefix ? sql`(${auditLog.entity}, ${auditLog.entityId}) in (${clinicalRecords(patientCodeStartsWith(f.patientCodePrefix))})` : undefined,
    f.correlationId ? eq(auditLog.correlationId, f.correlationId) : undefined,
    f.from && isIsoDate(f.from) ? sql`${auditLog.at} >= ${f.from}::timestamp at time zone 'UTC'` : undefined,
    f.to && isIsoDate(f.to) ? sql`${auditLog.at} < (${f.to}::date + 1)::timestamp at time zone 'UTC'` : undefined,
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
  /** The personal access token the entry was written with, by name (db/correlation.ts). */
  viaToken: string | null;
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
  viaToken: auditLog.viaToken,
  hash: auditLog.hash,
  patientId: recordPatient.id,
  patientCode: recordPatient.code,
  visitDate: recordVisit.visitDate,
  eventTerm: recordEvent.term,
  relapseDate: recordRelapse.relapseDate,
  relapseDomain: recordRelapse.domain,
  voided: sql<boolean>`coalesce(${recordVisit.voidedAt}, ${recordEvent.voidedAt}, ${recordRelapse.voidedAt}, ${recordPatient.voidedAt}) is not null`,
  userName: recordUser.name,
  userEmail: recordUser.email,
  cohortCode: recordCohort.code,
  siteCode: recordSite.code,
  tokenName: recordToken.name,
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
    viaToken: r.viaToken,
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
      tokenName: r.tokenName,
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
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { entries: rows.map(toEntry), total: total?.n ?? 0 };
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'correlation_id',
  'actor_id',
  'actor_name',
  'actor_email',
  'via_token',
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
    e.viaToken ?? '',
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

/** The filtered trail in chain order, a batch of entries at a time. */
export async function* auditTrailBatches(
  db: Db,
  { filters = {}, batchSize = 1000 }: { filters?: AuditTrailFilters; batchSize?: number } = {},
): AsyncGenerator<AuditTrailEntry[]> {
  let lastSeq = 0;
  for (;;) {
    const rows = (await withRecords(db.select(selection).from(auditLog).$dynamic())
      .where(and(gt(auditLog.seq, lastSeq), ...conditions(filters)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize)) as Row[];
    if (rows.length === 0) return;
    const entries = rows.map(toEntry);
    yield entries;
    lastSeq = entries[entries.length - 1]!.seq;
    if (rows.length < batchSize) return;
  }
}

/** Entries as CSV rows (with the header first when asked). */
export function auditCsv(entries: AuditTrailEntry[], { header = false }: { header?: boolean } = {}): string {
  // Reasons, names and terms are free text: one starting with = + - @ would run as a spreadsheet formula.
  const rows = entries.map((e) => csvRow(e).map(escapeFormula));
  return stringify(header ? [[...AUDIT_CSV_COLUMNS], ...rows] : rows);
}

/** The filtered trail as CSV, in chain order, a header then one chunk per batch of entries. */
export async function* auditTrailCsvChunks(
  db: Db,
  { filters = {}, batchSize = 1000 }: { filters?: AuditTrailFilters; batchSize?: number } = {},
): AsyncGenerator<string> {
  yield stringify([[...AUDIT_CSV_COLUMNS]]);
  for await (const entries of auditTrailBatches(db, { filters, batchSize })) yield auditCsv(entries);
}

export async function auditTrailCsv(db: Db, { filters = {} }: { filters?: AuditTrailFilters } = {}): Promise<string> {
  let out = '';
  for await (const chunk of auditTrailCsvChunks(db, { filters })) out += chunk;
  return out;
}
