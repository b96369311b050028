import 'server-only';
import { dataVersion, patientsChangedBetween } from '@/db/audit';
import type { Db } from '@/db/client';
import { loadReportData, refreshReportData, reportInputOf, type ReportData } from '@/db/queries/report';
import { todayIso } from '@/lib/dates';
import { buildReport } from '@/lib/cohort/report';
import { ReportCache } from '@/lib/cohort/report-cache';
import type { CohortReport } from '@/lib/cohort/report-types';

/**
 * Per open database (a restored copy or a test's database never shares another's): the last
 * few reports, and the data of the last few scopes they were computed from.
 */
const caches = new WeakMap<Db, { reports: ReportCache<CohortReport>; data: ReportCache<ReportData> }>();

/**
 * More data-changing entries than this since the data was read (an import), and it is read
 * again whole: re-reading patient by patient would take longer.
 */
const MAX_CHANGES = 500;

/**
 * The report of a cohort over the given sites (optionally one site of them), with the
 * cohort's report settings; null when the cohort is unknown. `today` (default: today) dates
 * the report and its follow-up times.
 *
 * A report is kept until the data changes (ReportCache). After a change, the data read for
 * the last report of the same scope is brought up to date by reading again only the patients
 * the audit trail names since (patientsChangedBetween), and the report is computed again from
 * it, whole: after one saved visit, one patient is read instead of the cohort. A change the
 * audit trail cannot tie to patients (a cohort's settings, a site, an import) reads everything.
 */
export async function makeReport(
  db: Db,
  args: { cohortCode: string; siteIds: string[]; siteCode?: string | null; today?: string },
): Promise<CohortReport | null> {
  const { today = todayIso(), ...rest } = args;
  // Read the version before the data, so that a write landing in between makes the entry stale rather than wrong.
  const version = await dataVersion(db);
  const scope = JSON.stringify([rest.cohortCode, rest.siteCode ?? null, [...rest.siteIds].sort()]);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { reports: new ReportCache(8), data: new ReportCache(4) }));
  const reportKey = JSON.stringify([scope, today]);
  const cached = cache.reports.get(reportKey, version);
  if (cached) return cached;

  const kept = cache.data.latest(scope);
  const changed = kept ? await patientsChangedBetween(db, { since: kept.version, until: version, max: MAX_CHANGES }) : null;
  const data = kept && changed ? await refreshReportData(db, kept.value, changed) : await loadReportData(db, rest);
  if (!data) return null;
  cache.data.set(scope, version, data);
  const { settings, ...input } = reportInputOf(data, today);
  const report = buildReport(input, settings);
  cache.reports.set(reportKey, version, report);
  return report;
}
