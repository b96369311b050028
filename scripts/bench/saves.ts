import postgres from 'postgres';
import { seedDemo } from '@/db/seed';
import { addDays } from '@/lib/dates';
import { makeClinicians, signIn, headersFor, type Clinician } from '../load/clinicians';
import { actionId, classifySave, timed } from '../load/requests';
import { startServers, stopServers } from '../load/servers';
import { benchAuditChain } from './audit-chain';
import { FIRST_DAY } from './patients';
import { PORT } from './server';
import { addRow, median, ms } from './table';
import { dropDatabase, freshPostgres } from '../local-database';

// Visit saves, each beside its floor (issue 13): over HTTP through createVisitAction as the
// form sends it, through the data layer, and the bare minimum: one INSERT of the visit and its
// audit row (the chain's trigger does its work) in one transaction, from as many connections.
// Every figure is measured for `seconds` with each writer saving as fast as it is answered.

export type SaveFigures = { saves: number; perSecond: number; p50: number; p95: number };

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

function figures(times: number[], seconds: number): SaveFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return { saves: sorted.length, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** Runs `loop` once per writer until `seconds` are up; the writers' times together. */
async function forSeconds<W>(writers: W[], seconds: number, save: (w: W, n: number) => Promise<number | null>): Promise<SaveFigures> {
  const times: number[] = [];
  const began = performance.now();
  const end = began + seconds * 1000;
  await Promise.all(
    writers.map(async (w) => {
      for (let n = 0; performance.now() < end; n++) {
        const ms = await save(w, n);
        if (ms !== null) times.push(ms);
      }
    }),
  );
  return figures(times, (performance.now() - began) / 1000);
}

const benchName = (what: string) => `dm_bench_${what}_${process.pid}`;

/** The floor: `connections` connections, each inserting visits of a patient of its own with their audit row, one transaction a save. */
export async function bareSaves(connections: number, seconds: number): Promise<SaveFigures> {
  const name = benchName('bare');
  const url = await freshPostgres(name);
  const clinicians = await makeClinicians(url, connections);
  const sql = postgres(url, { max: connections, onnotice: () => {} });
  try {
    return await forSeconds(clinicians, seconds, async (c, n) => {
      const started = performance.now();
      await sql.begin(async (tx) => {
        const [row] = await tx`insert into visit (patient_id, visit_date, visit_type, cdasi_activity, created_by, updated_by)
          values (${c.patientId}, ${addDays(FIRST_DAY, n)}, 'follow_up', ${n % 40}, 'bench', 'bench') returning *`;
        await tx`insert into audit_log (actor_id, action, entity, entity_id, after) values ('bench', 'create', 'visit', ${row!.id}, ${tx.json(row as postgres.JSONValue)})`;
      });
      return performance.now() - started;
    });
  } finally {
    await sql.end();
    await dropDatabase(name);
  }
}

/** The data layer's createVisit from `writers` concurrent writers (the audit bench, with its integrity checks). */
export async function dataLayerSaves(writers: number, seconds: number): Promise<SaveFigures & { intact: boolean }> {
  const name = benchName('data');
  const url = await freshPostgres(name, (db) => seedDemo(db));
  try {
    const r = await benchAuditChain({ databaseUrl: url, writers, seconds });
    return { saves: r.saves, perSecond: r.savesPerSecond, p50: NaN, p95: NaN, intact: r.chainValid && !r.lostEntries && !r.duplicateEntries && !r.failedSaves };
  } finally {
    await dropDatabase(name);
  }
}

/** `clinicians` signed-in users on one `next start` (BENCH_PORT, 3200 unless told), each saving follow-ups of their patient. */
export async function httpSaves(count: number, seconds: number): Promise<SaveFigures> {
  const name = benchName('http');
  const url = await freshPostgres(name);
  const port = PORT;
  const publicUrl = `http://127.0.0.1:${port}`;
  const clinicians = await makeClinicians(url, count);
  const servers = await startServers([port], { databaseUrl: url, publicUrl, env: { DATABASE_POOL_MAX: String(Math.max(10, count + 4)) } });
  try {
    await signIn(clinicians, servers, publicUrl);
    const id = actionId('createVisitAction');
    const save = async (c: Clinician, n: number) => {
      const values = { visitDate: addDays(FIRST_DAY, n), visitType: 'follow_up', cdasiActivity: String(n % 40), mmt8: String(100 + (n % 50)), prednisoneMgDay: '5', haq: '1.25' };
      const r = await timed(
        'save',
        `${publicUrl}/patients/${c.patientId}/visits/new`,
        {
          method: 'POST',
          headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headersFor(publicUrl, c) },
          body: JSON.stringify([c.patientId, values]),
        },
        classifySave,
      );
      if (r.outcome !== 'ok') throw new Error(`a save failed: ${r.detail ?? r.outcome}`);
      return r.ms;
    };
    // A few saves first, on days the run will not reach: the server's first requests connect and warm up.
    for (const [i, c] of clinicians.slice(0, 5).entries()) await save(c, 12_000 + i);
    return await forSeconds(clinicians, seconds, save);
  } finally {
    await stopServers(servers);
    await dropDatabase(name);
  }
}

/** Each figure's median over the rounds. */
function medianOf(runs: SaveFigures[]): SaveFigures {
  return { saves: median(runs.map((r) => r.saves)), perSecond: median(runs.map((r) => r.perSecond)), p50: median(runs.map((r) => r.p50)), p95: median(runs.map((r) => r.p95)) };
}

const rate = (f: SaveFigures, withP95 = false) =>
  `${f.perSecond.toFixed(0)} saves/s${Number.isFinite(f.p50) ? `, p50 ${ms(f.p50)}` : ''}${withP95 && Number.isFinite(f.p95) ? `, p95 ${ms(f.p95)}` : ''}`;

/**
 * The save rows of the table: `rounds` rounds of `seconds` each, the app and its floor in
 * turns within a round so that the machine's other work weighs on both alike; medians.
 */
export async function benchSaves({ seconds = 10, rounds = 3, clinicians = 50 }: { seconds?: number; rounds?: number; clinicians?: number } = {}) {
  const runs = { http1: [] as SaveFigures[], bare1: [] as SaveFigures[], http50: [] as SaveFigures[], bare50: [] as SaveFigures[], data50: [] as SaveFigures[] };
  let intact = true;
  for (let round = 0; round < rounds; round++) {
    console.log(`  round ${round + 1} of ${rounds}`);
    runs.http1.push(await httpSaves(1, seconds));
    runs.bare1.push(await bareSaves(1, seconds));
    runs.http50.push(await httpSaves(clinicians, seconds));
    runs.bare50.push(await bareSaves(clinicians, seconds));
    const data = await dataLayerSaves(clinicians, seconds);
    intact &&= data.intact;
    runs.data50.push(data);
  }
  const [http1, bare1, http50, bare50, data50] = [runs.http1, runs.bare1, runs.http50, runs.bare50, runs.data50].map(medianOf) as SaveFigures[];
  const figure = (f: SaveFigures, withP95 = false) => ({ text: rate(f!, withP95), value: f!.perSecond, unit: 'saves/s', p50: f!.p50, p95: f!.p95 });
  addRow({
    part: 'saves',
    work: 'visit save over HTTP, 1 clinician',
    app: figure(http1!),
    minimum: { ...figure(bare1!), text: `bare INSERT + chained audit row: ${rate(bare1!)}` },
    ratio: http1!.perSecond / bare1!.perSecond,
    goal: 'p50 ≤ 15 ms',
    met: http1!.p50 <= 15,
  });
  addRow({
    part: 'saves',
    work: `visit save over HTTP, ${clinicians} clinicians`,
    app: figure(http50!, true),
    minimum: { ...figure(bare50!), text: `same, ${clinicians} connections: ${rate(bare50!)}` },
    ratio: http50!.perSecond / bare50!.perSecond,
    goal: '≥ 0.15',
    met: http50!.perSecond / bare50!.perSecond >= 0.15,
  });
  addRow({
    part: 'saves',
    work: `visit save through the data layer, ${clinicians} writers`,
    app: { ...figure(data50!), text: `${rate(data50!)}${intact ? '' : ' (INTEGRITY CHECK FAILED)'}` },
    minimum: { ...figure(bare50!), text: 'same' },
    ratio: data50!.perSecond / bare50!.perSecond,
    goal: '≥ 0.6',
    met: intact && data50!.perSecond / bare50!.perSecond >= 0.6,
  });
  if (!intact) throw new Error('the data-layer saves lost, duplicated or failed saves, or broke the audit chain');
}
