import 'server-only';
import { dataVersion } from '@/db/audit';
import type { Db } from '@/db/client';
import { loadReportInput } from '@/db/queries/report';
import { todayIso } from '@/lib/dates';
import { buildReport } from './report';
import { ReportCache } from './report-cache';
import type { CohortReport } from './report-types';

const cache = new ReportCache<CohortReport>(8);

/** The report of a cohort over the given sites (optionally one site of them); null when the cohort is unknown. */
export async function makeReport(db: Db, args: { cohortCode: string; siteIds: string[]; siteCode?: string | null }): Promise<CohortReport | null> {
  const today = todayIso();
  // Read the version before the data, so that a write landing in between makes the entry stale rather than wrong.
  const version = await dataVersion(db);
  const key = JSON.stringify([args.cohortCode, args.siteCode ?? null, [...args.siteIds].sort(), today]);
  const cached = cache.get(key, version);
  if (cached) return cached;
  const input = await loadReportInput(db, { ...args, today });
  if (!input) return null;
  const report = buildReport(input);
  cache.set(key, version, report);
  return report;
}
