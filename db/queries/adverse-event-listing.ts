import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, notInArray, type SQL } from 'drizzle-orm';
import { AE_SPECIAL_INTEREST } from '@/lib/codes';
import { isIsoDate } from '@/lib/dates';
import type { Db } from '../client';
import { adverseEvents, patients, sites } from '../schema';
import type { AdverseEvent } from './adverse-events';
import { recordInScope } from './scope';

// The auditor's listing and the line listing: every event of the sites, filtered and sorted,
// each with its patient's JAK inhibitor.

export type AdverseEventFilters = {
  siteCode?: string;
  category?: string;
  grade?: number;
  serious?: boolean;
  specialInterest?: boolean;
  /** Onset date range, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  reviewed?: boolean;
};
export type AdverseEventSortKey = 'onset' | 'grade' | 'patient' | 'category' | 'site';
export type AdverseEventSort = { key: AdverseEventSortKey; dir: 'asc' | 'desc' };
export type AdverseEventListing = AdverseEvent & { patientCode: string; siteCode: string; jakiDrug: string; jakiDoseMgDay: number };

const SORT_COLUMNS = {
  onset: adverseEvents.onsetDate,
  grade: adverseEvents.ctcaeGrade,
  patient: patients.code,
  category: adverseEvents.category,
  site: sites.code,
} as const;

function filterConditions(f: AdverseEventFilters): (SQL | undefined)[] {
  return [
    f.siteCode ? eq(sites.code, f.siteCode) : undefined,
    f.category ? eq(adverseEvents.category, f.category) : undefined,
    f.grade !== undefined ? eq(adverseEvents.ctcaeGrade, f.grade) : undefined,
    f.serious !== undefined ? eq(adverseEvents.serious, f.serious) : undefined,
    f.specialInterest === true ? inArray(adverseEvents.category, [...AE_SPECIAL_INTEREST]) : undefined,
    f.specialInterest === false ? notInArray(adverseEvents.category, [...AE_SPECIAL_INTEREST]) : undefined,
    f.from && isIsoDate(f.from) ? gte(adverseEvents.onsetDate, f.from) : undefined,
    f.to && isIsoDate(f.to) ? lte(adverseEvents.onsetDate, f.to) : undefined,
    f.reviewed === true ? isNotNull(adverseEvents.reviewedAt) : undefined,
    f.reviewed === false ? isNull(adverseEvents.reviewedAt) : undefined,
  ];
}

/** The auditor's listing and line listing: every event of the sites, with its patient's JAKi. */
export async function listAdverseEvents(
  db: Db,
  {
    siteIds,
    filters = {},
    sort = { key: 'onset', dir: 'asc' },
  }: { siteIds: string[]; filters?: AdverseEventFilters; sort?: AdverseEventSort },
): Promise<AdverseEventListing[]> {
  if (siteIds.length === 0) return [];
  const order = sort.dir === 'desc' ? desc : asc;
  const rows = await db
    .select({ event: adverseEvents, patientCode: patients.code, siteCode: sites.code, jakiDrug: patients.jakiDrug, jakiDoseMgDay: patients.jakiDoseMgDay })
    .from(adverseEvents)
    .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(and(recordInScope(adverseEvents, siteIds), ...filterConditions(filters)))
    .orderBy(order(SORT_COLUMNS[sort.key] ?? adverseEvents.onsetDate), asc(adverseEvents.onsetDate), asc(patients.code), asc(adverseEvents.id));
  return rows.map(({ event, ...rest }) => ({ ...event, ...rest }));
}
