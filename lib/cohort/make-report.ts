import 'server-only';
import { loadReportInput } from '@/db/queries/report';
import type { Db } from '@/db/client';
import { todayIso } from '@/lib/dates';
import { buildReport } from './report';

/**
 * The report of a cohort over the given sites (optionally one site of them); null when the
 * cohort is unknown. `today` (default: today) dates the report and its follow-up times.
 */
export async function makeReport(db: Db, args: { cohortCode: string; siteIds: string[]; siteCode?: string | null; today?: string }) {
  const { today = todayIso(), ...rest } = args;
  const input = await loadReportInput(db, { ...rest, today });
  return input ? buildReport(input) : null;
}
