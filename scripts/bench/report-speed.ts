import { eq, max } from 'drizzle-orm';
import postgres from 'postgres';
import { getCohortSettings, updateCohortSettings } from '@/db/queries/cohort-settings';
import { createVisit } from '@/db/queries/visits';
import { patients, visits } from '@/db/schema';
import { addDays } from '@/lib/dates';
import type { ReportSummary } from '@/lib/cohort/report-types';
import { visitSchema } from '@/lib/schemas/visit';
import { withLocalDatabase } from '../local-database';
import { report } from './server';
import { median } from './table';
import { figureDifferences, sqlAggregate } from './sql-aggregate';

// Issue "Speed": the report recomputed after a change against a hand-written SQL aggregate of
// the same figures (scripts/bench/sql-aggregate.ts), and the cached report, measured in turns
// in one run so that the other work on the machine weighs on all three alike.

const ROUNDS = 7;
const WHOLE_ROUNDS = 3;
const CACHED_PER_ROUND = 3;
const GOAL_RATIO = 3;
const GOAL_CACHED_MS = 50;

/** A follow-up visit for patient B-00000 the day after its last one, through the data layer: the server's cached report is then stale. */
async function saveOneVisit(url: string, n: number) {
  await withLocalDatabase(url, 'the benchmark database', async (db) => {
    const [patient] = await db
      .select({ id: patients.id, siteId: patients.siteId, last: max(visits.visitDate) })
      .from(patients)
      .innerJoin(visits, eq(visits.patientId, patients.id))
      .where(eq(patients.code, 'B-00000'))
      .groupBy(patients.id);
    if (!patient?.last) throw new Error('no bench patient B-00000 with visits');
    const input = visitSchema.parse({ visitDate: addDays(patient.last, 1), visitType: 'follow_up', cdasiActivity: String(n) });
    await createVisit(db, { actorId: 'system:bench', siteIds: [patient.siteId], patientId: patient.id, input });
  });
}

/** The cohort's report settings saved again as they are: a change the audit trail ties to no patient, so the server reads the whole cohort again. */
async function saveSettingsAgain(url: string, cohortCode: string) {
  await withLocalDatabase(url, 'the benchmark database', async (db) => {
    const current = await getCohortSettings(db, cohortCode);
    if (!current) throw new Error(`no cohort ${cohortCode}`);
    await updateCohortSettings(db, { actorId: 'system:bench', cohortCode, version: current.version, reason: 'bench: whole read', settings: current.settings });
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

const sorted = (times: number[]) => [...times].sort((a, b) => a - b);
const minMedian = (times: number[]) => `min ${sorted(times)[0]!.toFixed(0)} ms, median ${median(times).toFixed(0)} ms`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

/**
 * `reportJson` asks the running server for the cohort's report JSON (every site, as an admin).
 * Each round: a visit saved, the report asked for (recomputed: the server reads again the
 * patient the save touched, server/make-report.ts, and computes the whole report with
 * buildReport), asked for three times more (the cached report), then the SQL aggregate, whose
 * figures must be the report's. Then, for comparison, the report after a settings change, for which the
 * server reads the whole cohort again.
 */
export async function reportSpeed(url: string, cohortCode: string, reportJson: () => Promise<ReportSummary>) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const first = await reportJson();
    await sqlAggregate(sql, cohortCode, first.settings);
    const times = { sql: [] as number[], recomputed: [] as number[], cached: [] as number[], whole: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      await saveOneVisit(url, round);
      const [recomputed, recomputedMs] = await timed(reportJson);
      for (let again = 0; again < CACHED_PER_ROUND; again++) {
        const [cached, cachedMs] = await timed(reportJson);
        if (JSON.stringify(cached) !== JSON.stringify(recomputed)) throw new Error('the cached report is not the one just computed');
        times.cached.push(cachedMs);
      }
      const [figures, sqlMs] = await timed(() => sqlAggregate(sql, cohortCode, recomputed.settings));
      const differences = figureDifferences(figures, recomputed.measures);
      if (differences.length) throw new Error(`the SQL aggregate and the report disagree:\n${differences.join('\n')}`);
      times.sql.push(sqlMs);
      times.recomputed.push(recomputedMs);
    }
    for (let round = 0; round < WHOLE_ROUNDS; round++) {
      await saveSettingsAgain(url, cohortCode);
      times.whole.push((await timed(reportJson))[1]);
    }
    const sqlMedian = median(times.sql);
    const ratio = median(times.recomputed) / sqlMedian;
    const cachedMedian = median(times.cached);
    report(`SQL aggregate: n, mean, SD per measure and time point (${ROUNDS} runs)`, minMedian(times.sql));
    report('  the same figures as the report (to 1e-9, checked); no P values', '');
    report(`report JSON from the server, recomputed after a visit saved (${ROUNDS})`, minMedian(times.recomputed));
    report(`report JSON from the server, cached, data unchanged (${times.cached.length})`, minMedian(times.cached));
    report('  recomputed / SQL aggregate (medians)', `${ratio.toFixed(1)}× (goal ≤ ${GOAL_RATIO}×: ${verdict(ratio <= GOAL_RATIO)})`);
    report('  cached (median)', `${cachedMedian.toFixed(0)} ms (goal ≤ ${GOAL_CACHED_MS} ms: ${verdict(cachedMedian <= GOAL_CACHED_MS)})`);
    report(`report JSON after a settings change: whole cohort read (${WHOLE_ROUNDS})`, `${minMedian(times.whole)}, ${(median(times.whole) / sqlMedian).toFixed(1)}× the SQL`);
    return { recomputedMs: median(times.recomputed), sqlMs: sqlMedian, goalRatio: GOAL_RATIO };
  } finally {
    await sql.end();
  }
}
