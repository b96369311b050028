import 'server-only';
import { dataVersion, patientsChangedBetween } from '@/db/audit';
import type { Db } from '@/db/client';
import { loadReportData, refreshReportData, reportInputOf, type ReportData } from '@/db/queries/report';
import { todayIso } from '@/lib/dates';
import { groupReports, type GroupedReport, type ReportGrouping } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { ReportCache } from '@/lib/cohort/report-cache';
import type { CohortReport } from '@/lib/cohort/report-types';
import type { ReportInput } from '@/lib/cohort/types';
import type { ReportSettings } from '@/lib/cohort/windows';

type ReportArgs = { cohortCode: string; siteIds: string[]; siteCode?: string | null; today?: string };

/**
 * Per open database (a restored copy or a test's database never shares another's): the last
 * few reports, and the data of the last few scopes they were computed from.
 */
const caches = new WeakMap<Db, { reports: ReportCache<CohortReport | GroupedReport>; data: ReportCache<ReportData> }>();

/**
 * More data-changing entries than this since the data was read (an import), and it is read
 * again whole: re-reading patient by patient would take longer.
 */
const MAX_CHANGES = 500;

/**
 * The report of a cohort over the given sites (optionally one site of them), with the
 * cohort's report settings; null when the cohort is unknown. `today` (default: today) dates
 * the report and its follow-up times.
 */
export function makeReport(db: Db, args: ReportArgs): Promise<CohortReport | null> {
  return cachedReport(db, args, null, buildReport);
}

/**
 * The same report and one per subgroup of its patients (lib/cohort/groups.ts), all from one
 * read of the data, kept under a key of its own.
 */
export function makeGroupedReport(db: Db, { by, ...args }: ReportArgs & { by: ReportGrouping }): Promise<GroupedReport | null> {
  return cachedReport(db, args, by, (input, settings) => groupReports(input, by, settings));
}

/**
 * A report is kept until the data changes (ReportCache). After a change, the data read for
 * the last report of the same scope is brought up to date by reading again only the patients
 * the audit trail names since (patientsChangedBetween), and the report is computed again from
 * it, whole: after one saved visit, one patient is read instead of the cohort (and the
 * cohort's settings, always). A change the audit trail cannot tie to patients (a cohort's
 * settings, a site, an import) reads everything.
 */
async function cachedReport<T extends CohortReport | GroupedReport>(
  db: Db,
  args: ReportArgs,
  by: ReportGrouping | null,
  build: (input: ReportInput, settings: ReportSettings) => T,
): Promise<T | null> {
  const { today = todayIso(), ...rest } = args;
  // Read the version before the data, so that a write landing in between makes the entry stale rather than wrong.
  const version = await dataVersion(db);
  const scope = JSON.stringify([rest.cohortCode, rest.siteCode ?? null, [...rest.siteIds].sort()]);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { reports: new ReportCache(8), data: new ReportCache(4) }));
  // The key holds `by`, so an entry is of the kind this call builds.
  const reportKey = JSON.stringify([scope, today, by]);
  const cached = cache.reports.get(reportKey, version) as T | undefined;
  if (cached) return cached;

  const kept = cache.data.latest(scope);
  const changed = kept ? await patientsChangedBetween(db, { since: kept.version, until: version, max: MAX_CHANGES }) : null;
  const data = (kept && changed && (await refreshReportData(db, kept.value, changed))) || (await loadReportData(db, rest));
  if (!data) return null;
  cache.data.set(scope, version, data);
  const { settings, ...input } = reportInputOf(data, today);
  const report = build(input, settings);
  cache.reports.set(reportKey, version, report);
  return report;
}
