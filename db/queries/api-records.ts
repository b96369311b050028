import 'server-only';
import { and, asc, eq, getTableColumns, gt, gte, lte, type SQL } from 'drizzle-orm';
import type { AdverseEventListQuery, PatientListQuery, RelapseListQuery, VisitListQuery } from '@/lib/api/list';
import type { Db } from '../client';
import { adverseEvents, cohorts, patients, relapses, sites, visits } from '../schema';
import { patientCodeContains } from './patients';
import { patientInScope, recordInScope, type RecordTable } from './scope';

// The records of /api/v1 as the API shows them (lib/api/records.ts), a page at a time: in the
// order of their ids, after the last id of the previous page (keyset pagination: each page is
// one indexed range scan, however deep into the list, so a list of 100,000 visits is read in
// pages without ever holding it whole). Instants come as Dates: JSON writes them in ISO 8601. Site scope as everywhere: another site's record, a
// voided one and a malformed id are not there.

/** Which records, after which id, how many. */
export type Page<F> = { siteIds: string[]; filter: Partial<F>; after: string | null; limit: number };

/** `id`: the one record of that id (a get). */
type PatientFilter = Pick<PatientListQuery, 'cohort' | 'site' | 'q' | 'updatedSince'> & { id: string };
type VisitFilter = Pick<VisitListQuery, 'cohort' | 'patientId' | 'from' | 'to' | 'updatedSince'> & { id: string };
type EventFilter = Pick<AdverseEventListQuery, 'cohort' | 'patientId' | 'updatedSince'> & { id: string };
type RelapseFilter = Pick<RelapseListQuery, 'cohort' | 'patientId' | 'updatedSince'> & { id: string };

// Who wrote and voided a record stay in its history; the API shows what was recorded.
const { createdBy: _pc, updatedBy: _pu, voidedAt: _pva, voidedBy: _pvb, voidReason: _pvr, ...patientColumns } = getTableColumns(patients);
const { createdBy: _vc, updatedBy: _vu, voidedAt: _vva, voidedBy: _vvb, voidReason: _vvr, ...visitColumns } = getTableColumns(visits);
const {
  createdBy: _ec,
  updatedBy: _eu,
  voidedAt: _eva,
  voidedBy: _evb,
  voidReason: _evr,
  reviewedBy: _erb,
  reviewComment: _erc,
  ...eventColumns
} = getTableColumns(adverseEvents);
const { createdBy: _rc, updatedBy: _ru, voidedAt: _rva, voidedBy: _rvb, voidReason: _rvr, ...relapseColumns } = getTableColumns(relapses);

const cohortIs = (code: string | undefined) => (code === undefined ? undefined : eq(cohorts.code, code));

/** What a visit, event or relapse list filters on in common (the query joins the patient and the cohort). */
function recordWhere(table: RecordTable, { siteIds, filter, after }: Page<EventFilter>): (SQL | undefined)[] {
  return [
    recordInScope(table, siteIds),
    cohortIs(filter.cohort),
    filter.patientId === undefined ? undefined : eq(patients.id, filter.patientId),
    filter.updatedSince ? gte(table.updatedAt, filter.updatedSince) : undefined,
    filter.id === undefined ? undefined : eq(table.id, filter.id),
    after ? gt(table.id, after) : undefined,
  ];
}

export async function patientRecords(db: Db, { siteIds, filter, after, limit }: Page<PatientFilter>) {
  if (siteIds.length === 0) return [];
  const q = filter.q?.trim();
  const where: (SQL | undefined)[] = [
    patientInScope(siteIds),
    cohortIs(filter.cohort),
    filter.site === undefined ? undefined : eq(sites.code, filter.site),
    q ? patientCodeContains(q) : undefined,
    filter.updatedSince ? gte(patients.updatedAt, filter.updatedSince) : undefined,
    filter.id === undefined ? undefined : eq(patients.id, filter.id),
    after ? gt(patients.id, after) : undefined,
  ];
  return db
    .select({ ...patientColumns, siteCode: sites.code, cohortCode: cohorts.code })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(...where))
    .orderBy(asc(patients.id))
    .limit(limit);
}

export async function visitRecords(db: Db, page: Page<VisitFilter>) {
  const { siteIds, filter, limit } = page;
  if (siteIds.length === 0) return [];
  const where = [
    ...recordWhere(visits, page),
    filter.from ? gte(visits.visitDate, filter.from) : undefined,
    filter.to ? lte(visits.visitDate, filter.to) : undefined,
  ];
  return db
    .select({ ...visitColumns, patientCode: patients.code })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(...where))
    .orderBy(asc(visits.id))
    .limit(limit);
}

export async function adverseEventRecords(db: Db, page: Page<EventFilter>) {
  const { siteIds, limit } = page;
  if (siteIds.length === 0) return [];
  const where = recordWhere(adverseEvents, page);
  return db
    .select({ ...eventColumns, patientCode: patients.code })
    .from(adverseEvents)
    .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(...where))
    .orderBy(asc(adverseEvents.id))
    .limit(limit);
}

export async function relapseRecords(db: Db, page: Page<RelapseFilter>) {
  const { siteIds, limit } = page;
  if (siteIds.length === 0) return [];
  const where = recordWhere(relapses, page);
  return db
    .select({ ...relapseColumns, patientCode: patients.code })
    .from(relapses)
    .innerJoin(patients, eq(patients.id, relapses.patientId))
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(...where))
    .orderBy(asc(relapses.id))
    .limit(limit);
}
