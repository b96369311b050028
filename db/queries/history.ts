import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { userIdsOf, type Names, type RecordFacts } from '@/lib/audit/describe';
import type { Db } from '../client';
import { adverseEvents, auditLog, cohorts, patients, relapses, sites, user, visits } from '../schema';
import { atSites, canReach, isUuid } from './scope';

// A record's history, from the audit trail: every version, who made it, when, why, and the
// values before and after (lib/audit/describe.ts says what changed). Voided records keep their
// history (the void is its last entry).

export type HistoryEntity = 'patient' | 'visit' | 'adverse_event' | 'relapse';

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
  correlationId: string | null;
  before: unknown;
  after: unknown;
};

export type RecordHistory = {
  /** What names the record (recordName). */
  record: RecordFacts;
  entries: HistoryEntry[];
  /** Codes of the sites and cohorts, and names of the users, whose ids the entries hold. */
  names: Names;
};

/**
 * The record, if it exists (voided or not) and belongs to one of the sites, with what names it;
 * for a visit, an event or a relapse with `patientId`, only if it is that patient's.
 */
async function findRecord(db: Db, entity: HistoryEntity, id: string, siteIds: string[], patientId?: string): Promise<RecordFacts | null> {
  const facts = (f: Partial<RecordFacts> & { patientId: string; patientCode: string; voided: boolean }): RecordFacts => ({
    entity,
    entityId: id,
    action: '',
    visitDate: null,
    eventTerm: null,
    relapseDate: null,
    relapseDomain: null,
    userName: null,
    userEmail: null,
    cohortCode: null,
    siteCode: null,
    tokenName: null,
    ...f,
  });
  const patient = { patientId: patients.id, patientCode: patients.code };
  if (entity === 'patient') {
    const [row] = await db
      .select({ ...patient, voided: sql<boolean>`${patients.voidedAt} is not null` })
      .from(patients)
      .where(and(eq(patients.id, id), atSites(siteIds)));
    return row ? facts(row) : null;
  }
  const mine = (table: typeof visits | typeof adverseEvents | typeof relapses) =>
    and(eq(table.id, id), atSites(siteIds), patientId === undefined ? undefined : eq(table.patientId, patientId));
  const voided = (table: typeof visits | typeof adverseEvents | typeof relapses) => sql<boolean>`${table.voidedAt} is not null`;
  if (entity === 'visit') {
    const [row] = await db
      .select({ ...patient, visitDate: visits.visitDate, voided: voided(visits) })
      .from(visits)
      .innerJoin(patients, eq(patients.id, visits.patientId))
      .where(mine(visits));
    return row ? facts(row) : null;
  }
  if (entity === 'adverse_event') {
    const [row] = await db
      .select({ ...patient, eventTerm: adverseEvents.term, voided: voided(adverseEvents) })
      .from(adverseEvents)
      .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
      .where(mine(adverseEvents));
    return row ? facts(row) : null;
  }
  const [row] = await db
    .select({ ...patient, relapseDate: relapses.relapseDate, relapseDomain: relapses.domain, voided: voided(relapses) })
    .from(relapses)
    .innerJoin(patients, eq(patients.id, relapses.patientId))
    .where(mine(relapses));
  return row ? facts(row) : null;
}

/** Every site's and cohort's code by id: a registry has a handful, and stored values name them by id. */
export async function siteAndCohortNames(db: Db): Promise<Names> {
  const rows = [...(await db.select({ id: sites.id, code: sites.code }).from(sites)), ...(await db.select({ id: cohorts.id, code: cohorts.code }).from(cohorts))];
  return Object.fromEntries(rows.map((r) => [r.id, r.code]));
}

/**
 * The names of the users the entries' values hold by id (a cohort's locker, a token's owner…),
 * in one query for them all; none without one. The entries stay as stored: the chain hashes them.
 */
export async function userNames(db: Db, entries: readonly { before: unknown; after: unknown }[]): Promise<Names> {
  const ids = userIdsOf(entries);
  if (ids.length === 0) return {};
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The entries of the given records, in chain order, by record id (ids are uuids: no two records share one). */
export async function historyEntries(db: Db, records: { entity: HistoryEntity; id: string }[]): Promise<Map<string, HistoryEntry[]>> {
  const byId = new Map<string, HistoryEntry[]>(records.map((r) => [r.id, []]));
  if (records.length === 0) return byId;
  const rows = await db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: user.name,
      actorEmail: user.email,
      action: auditLog.action,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
      correlationId: auditLog.correlationId,
    })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .where(sql`(${auditLog.entity}, ${auditLog.entityId}) in (${sql.join(records.map((r) => sql`(${r.entity}, ${r.id})`), sql`, `)})`)
    .orderBy(asc(auditLog.seq));
  for (const { entityId, ...r } of rows)
    byId.get(entityId)?.push({ ...r, seq: Number(r.seq), version: isObject(r.after) && typeof r.after.version === 'number' ? r.after.version : null });
  return byId;
}

export async function recordHistory(
  db: Db,
  { siteIds, entity, id, patientId }: { siteIds: string[]; entity: HistoryEntity; id: string; patientId?: string },
): Promise<RecordHistory | null> {
  if (!canReach(siteIds, id) || (patientId !== undefined && !isUuid(patientId))) return null;
  const record = await findRecord(db, entity, id, siteIds, patientId);
  if (!record) return null;
  const entries = (await historyEntries(db, [{ entity, id }])).get(id) ?? [];
  const [places, people] = await Promise.all([entity === 'patient' ? siteAndCohortNames(db) : {}, userNames(db, entries)]);
  return { record, entries, names: { ...places, ...people } };
}
