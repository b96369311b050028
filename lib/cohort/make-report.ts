import 'server-only';
import { loadReportInput } from '@/db/queries/report';
import type { Db } from '@/db/client';
import { todayIso } from '@/lib/dates';
import { buildReport } from './report';

/** The report of a cohort over the given sites (optionally one site of them); null when the cohort is unknown. */
export async function makeReport(db: Db, args: { cohortCode: string; siteIds: string[]; siteCode?: string | null }) {
  const input = await loadReportInput(db, { ...args, today: todayIso() });
  return input ? buildReport(input) : null;
}
