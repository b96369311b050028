import 'server-only';
import { dataVersion } from '@/db/audit';
import type { Db } from '@/db/client';
import { loadReportInput } from '@/db/queries/report';
import { todayIso } from '@/lib/dates';
import { groupReports, type GroupedReport, type ReportGrouping } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { ReportCache } from '@/lib/cohort/report-cache';
import type { CohortReport } from '@/lib/cohort/report-types';
import type { ReportInput } from '@/lib/cohort/types';
import type { ReportSettings } from '@/lib/cohort/windows';

type ReportArgs = { cohortCode: string; siteIds: string[]; siteCode?: string | null; today?: string };

/** One cache per open database: a restored copy or a test's database never shares another's reports. */
const caches = new WeakMap<Db, ReportCache<CohortReport | GroupedReport>>();

/**
 * The report of a cohort over the given sites (optionally one site of them), with the
 * cohort's report settings; null when the cohort is unknown. A change of the settings is an
 * audited write, so it ends every cached report like a change of the data. `today`
 * (default: today) dates the report and its follow-up times.
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

async function cachedReport<T extends CohortReport | GroupedReport>(
  db: Db,
  args: ReportArgs,
  by: ReportGrouping | null,
  build: (input: ReportInput, settings: ReportSettings) => T,
): Promise<T | null> {
  const { today = todayIso(), ...rest } = args;
  // Read the version before the data, so that a write landing in between makes the entry stale rather than wrong.
  const version = await dataVersion(db);
  const key = JSON.stringify([rest.cohortCode, rest.siteCode ?? null, [...rest.siteIds].sort(), today, by]);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ReportCache<CohortReport | GroupedReport>(8)));
  // The key holds `by`, so an entry is of the kind this call builds.
  const cached = cache.get(key, version) as T | undefined;
  if (cached) return cached;
  const loaded = await loadReportInput(db, { ...rest, today });
  if (!loaded) return null;
  const { settings, ...input } = loaded;
  const report = build(input, settings);
  cache.set(key, version, report);
  return report;
}
