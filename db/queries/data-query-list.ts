import 'server-only';
import { and, asc, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { RecordFacts } from '@/lib/audit/describe';
import type { QueryEntity, QueryState } from '@/lib/queries/rules';
import type { Db } from '../client';
import { adverseEvents, dataQueries, patients, relapses, sites, user, visits } from '../schema';
import { patientInScope } from './scope';

// The Queries list and its CSV: every query of the patients in scope, filtered.

export type QueryFilters = {
  queryId?: string;
  siteCode?: string;
  state?: QueryState;
  /** Raised more than this many days ago. */
  olderThanDays?: number;
  raisedBy?: string;
  patientCode?: string;
};

export type QueryListRow = {
  id: string;
  entity: QueryEntity;
  field: string;
  question: string;
  state: QueryState;
  raisedBy: string;
  raisedByName: string | null;
  raisedAt: Date;
  updatedAt: Date;
  siteCode: string;
  /** What names the record (lib/audit/describe.ts recordName). */
  record: RecordFacts;
};

function conditions(f: QueryFilters, now: Date): (SQL | undefined)[] {
  return [
    f.queryId ? eq(dataQueries.id, f.queryId) : undefined,
    f.siteCode ? eq(sites.code, f.siteCode) : undefined,
    f.state ? eq(dataQueries.state, f.state) : undefined,
    f.olderThanDays !== undefined ? lte(dataQueries.raisedAt, new Date(now.getTime() - f.olderThanDays * 86_400_000)) : undefined,
    f.raisedBy ? eq(dataQueries.raisedBy, f.raisedBy) : undefined,
    f.patientCode ? eq(patients.code, f.patientCode) : undefined,
  ];
}

/** Open queries first, then answered, then closed; oldest first within each. */
const STATE_ORDER = sql`case ${dataQueries.state} when 'open' then 0 when 'answered' then 1 else 2 end`;

export async function listQueries(db: Db, { siteIds, filters = {}, now = new Date() }: { siteIds: string[]; filters?: QueryFilters; now?: Date }): Promise<QueryListRow[]> {
  if (siteIds.length === 0) return [];
  const rows = await db
    .select({
      q: dataQueries,
      raisedByName: user.name,
      siteCode: sites.code,
      patientCode: patients.code,
      visitDate: visits.visitDate,
      eventTerm: adverseEvents.term,
      relapseDate: relapses.relapseDate,
      relapseDomain: relapses.domain,
    })
    .from(dataQueries)
    .innerJoin(patients, eq(patients.id, dataQueries.patientId))
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .leftJoin(user, eq(user.id, dataQueries.raisedBy))
    .leftJoin(visits, and(eq(visits.id, dataQueries.recordId), eq(dataQueries.entity, 'visit')))
    .leftJoin(adverseEvents, and(eq(adverseEvents.id, dataQueries.recordId), eq(dataQueries.entity, 'adverse_event')))
    .leftJoin(relapses, and(eq(relapses.id, dataQueries.recordId), eq(dataQueries.entity, 'relapse')))
    .where(and(patientInScope(siteIds), ...conditions(filters, now)))
    .orderBy(asc(STATE_ORDER), asc(dataQueries.raisedAt), desc(dataQueries.id));
  return rows.map(({ q, raisedByName, siteCode, patientCode, visitDate, eventTerm, relapseDate, relapseDomain }) => ({
    id: q.id,
    entity: q.entity,
    field: q.field,
    question: q.question,
    state: q.state,
    raisedBy: q.raisedBy,
    raisedByName,
    raisedAt: q.raisedAt,
    updatedAt: q.updatedAt,
    siteCode,
    record: {
      entity: q.entity,
      entityId: q.recordId,
      action: '',
      patientId: q.patientId,
      patientCode,
      visitDate,
      eventTerm,
      relapseDate,
      relapseDomain,
      voided: false,
      userName: null,
      userEmail: null,
      cohortCode: null,
      siteCode: null,
      tokenName: null,
    },
  }));
}

/** The users who raised a query on a patient in scope, for the list's raiser filter. */
export async function queryRaisers(db: Db, { siteIds }: { siteIds: string[] }): Promise<{ id: string; name: string }[]> {
  if (siteIds.length === 0) return [];
  return db
    .selectDistinct({ id: user.id, name: user.name })
    .from(dataQueries)
    .innerJoin(patients, eq(patients.id, dataQueries.patientId))
    .innerJoin(user, eq(user.id, dataQueries.raisedBy))
    .where(patientInScope(siteIds))
    .orderBy(asc(user.name));
}
