import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { createVisit } from '@/db/queries/visits';
import { patients } from '@/db/schema';
import { addDays } from '@/lib/dates';
import type { ReportSummary } from '@/lib/cohort/report-types';
import { visitSchema } from '@/lib/schemas/visit';
import { withLocalDatabase } from '../local-database';
import { report } from './server';
import { figureDifferences, sqlAggregate } from './sql-aggregate';

// Issue "Speed": the report recomputed after a change against a hand-written SQL aggregate of
// the same figures (scripts/bench/sql-aggregate.ts), and the cached report, measured in turns
// in one run so that the other work on the machine weighs on all three alike.

const ROUNDS = 7;
const GOAL_RATIO = 3;
const GOAL_CACHED_MS = 50;

/** A follow-up visit for patient B-00000, through the data layer: the server's cached report is then stale. */
async function saveOneVisit(url: string, n: number) {
  await withLocalDatabase(url, 'the benchmark database', async (db) => {
    const [patient] = await db.select({ id: patients.id, siteId: patients.siteId, start: patients.jakiStartDate }).from(patients).where(eq(patients.code, 'B-00000'));
    if (!patient?.start) throw new Error('no bench patient B-00000');
    const input = visitSchema.parse({ visitDate: addDays(patient.start, 1000 + n), visitType: 'follow_up', cdasiActivity: String(n) });
    await createVisit(db, { actorId: 'system:bench', siteIds: [patient.siteId], patientId: patient.id, input });
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

const sorted = (times: number[]) => [...times].sort((a, b) => a - b);
const median = (times: number[]) => {
  const s = sorted(times);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const minMedian = (times: number[]) => `min ${sorted(times)[0]!.toFixed(0)} ms, median ${median(times).toFixed(0)} ms`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

/**
 * `reportJson` asks the running server for the cohort's report JSON (every site, as an admin).
 * Each round: a visit saved, the report asked for (the server recomputes it: reads the cohort
 * through loadReportInput and builds it with buildReport), asked for again (the cached report),
 * then the SQL aggregate, whose figures must be the report's.
 */
export async function reportSpeed(url: string, cohortCode: string, reportJson: () => Promise<ReportSummary>) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const first = await reportJson();
    await sqlAggregate(sql, cohortCode, first.settings);
    const times = { sql: [] as number[], recomputed: [] as number[], cached: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      await saveOneVisit(url, round);
      const [recomputed, recomputedMs] = await timed(reportJson);
      const [cached, cachedMs] = await timed(reportJson);
      const [figures, sqlMs] = await timed(() => sqlAggregate(sql, cohortCode, recomputed.settings));
      const differences = figureDifferences(figures, recomputed.measures);
      if (differences.length) throw new Error(`the SQL aggregate and the report disagree:\n${differences.join('\n')}`);
      if (JSON.stringify(cached) !== JSON.stringify(recomputed)) throw new Error('the cached report is not the one just computed');
      times.sql.push(sqlMs);
      times.recomputed.push(recomputedMs);
      times.cached.push(cachedMs);
    }
    const ratio = median(times.recomputed) / median(times.sql);
    report(`SQL aggregate, mean/SD/n per measure and time point (${ROUNDS} runs)`, minMedian(times.sql));
    report('  (no P values; its figures equal the report\'s to 1e-9: checked)', '');
    report(`report JSON from the server, recomputed after a visit saved (${ROUNDS})`, minMedian(times.recomputed));
    report(`report JSON from the server, cached, data unchanged (${ROUNDS})`, minMedian(times.cached));
    report('  recomputed / SQL aggregate (medians)', `${ratio.toFixed(1)}× (goal ≤ ${GOAL_RATIO}×: ${verdict(ratio <= GOAL_RATIO)})`);
    report('  cached (median)', `${median(times.cached).toFixed(0)} ms (goal ≤ ${GOAL_CACHED_MS} ms: ${verdict(median(times.cached) <= GOAL_CACHED_MS)})`);
  } finally {
    await sql.end();
  }
}
