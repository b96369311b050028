import 'server-only';
import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { patients, type adverseEvents, type relapses, type visits } from '../schema';

// The site scope every query and write takes: a user reaches the patients of their sites that
// are not voided, and those patients' records that are not voided. A record of another site,
// a voided one and an id that is not a uuid all answer as a record that does not exist.

/** Whether an id can name a record: a uuid (PostgreSQL refuses anything else in a uuid column). */
export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

/** Whether a request with these sites can reach the record `id` at all; callers answer not-found when not. */
export function canReach(siteIds: readonly string[], id: string): boolean {
  return siteIds.length > 0 && isUuid(id);
}

/** Patients at the given sites, voided or not (a voided record keeps its history); none for no sites. */
export function atSites(siteIds: readonly string[]): SQL {
  return siteIds.length ? inArray(patients.siteId, [...siteIds]) : sql`false`;
}

/** Patients at the given sites and not voided; 'all' is every site's (the command line's export). */
export function patientInScope(siteIds: readonly string[] | 'all'): SQL {
  return siteIds === 'all' ? isNull(patients.voidedAt) : and(atSites(siteIds), isNull(patients.voidedAt))!;
}

/** A patient's record (a visit, an adverse event, a relapse). */
export type RecordTable = typeof visits | typeof adverseEvents | typeof relapses;

/** A visit, adverse event or relapse that is not voided, of a patient in scope (the query joins its patient). */
export function recordInScope(table: RecordTable, siteIds: readonly string[]): SQL {
  return and(patientInScope(siteIds), isNull(table.voidedAt))!;
}
