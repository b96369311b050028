import 'server-only';
import { dataVersion } from '@/db/audit';
import type { Db } from '@/db/client';
import { loadReportInput } from '@/db/queries/report';
import { todayIso } from '@/lib/dates';
import { buildReport } from '@/lib/cohort/report';
import { ReportCache } from '@/lib/cohort/report-cache';
import type { CohortReport } from '@/lib/cohort/report-types';

/** One cache per open database: a restored copy or a test's database never shares another's reports. */
const caches = new WeakMap<Db, ReportCache<CohortReport>>();

/**
 * The report of a cohort over the given sites (optionally one site of them), with the
 * cohort's report settings; null when the cohort is unknown. A change of the settings is an
 * audited write, so it ends every cached report like a change of the data. `today`
 * (default: today) dates the report and its follow-up times.
 */
export async function makeReport(
  db: Db,
  args: { cohortCode: string; siteIds: string[]; siteCode?: string | null; today?: string },
): Promise<CohortReport | null> {
  const { today = todayIso(), ...rest } = args;
  // Read the version before the data, so that a write landing in between makes the entry stale rather than wrong.
  const version = await dataVersion(db);
  const key = JSON.stringify([rest.cohortCode, rest.siteCode ?? null, [...rest.siteIds].sort(), today]);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new ReportCache<CohortReport>(8)));
  const cached = cache.get(key, version);
  if (cached) return cached;
  const loaded = await loadReportInput(db, { ...rest, today });
  if (!loaded) return null;
  const { settings, ...input } = loaded;
  const report = buildReport(input, settings);
  cache.set(key, version, report);
  return report;
}
