import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import { createUser } from '@/db/queries/users';
import { createVisit } from '@/db/queries/visits';
import { patients } from '@/db/schema';
import { visitSchema } from '@/lib/schemas/visit';
import { addDays } from '@/lib/dates';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { BASE, percentile, report, signInCookie, stopServer, timeToFirstPage } from './server';

// Issue "cohort report": a made-up cohort of 10,000 patients, about 55,000 visits, 40 sites.
// Import and report are timed as whole commands (Node's start included) with their peak
// memory; the report also through a warm server.

const PATIENTS = 10_000;
const SITES = 40;
const COHORT = 'BENCH';
const ADMIN = { email: 'bench-admin@bench.test', password: 'bench-password-1' };

/** A small deterministic generator: the same cohort every run. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Writes the made-up cohort's three files into `folder` (`patients`: 10,000 unless told). */
export function writeCohort(folder: string, count = PATIENTS) {
  const rand = prng(42);
  const patients: string[][] = [];
  const visits: string[][] = [];
  const events: string[][] = [];
  const drugs: [string, number][] = [['baricitinib', 4], ['baricitinib', 2], ['ruxolitinib', 30], ['tofacitinib', 11], ['upadacitinib', 15]];
  for (let i = 0; i < count; i++) {
    const code = `B-${String(i).padStart(5, '0')}`;
    const start = addDays('2021-01-04', Math.floor(rand() * 900));
    const [drug, dose] = drugs[i % drugs.length]!;
    const stopped = rand() < 0.15;
    patients.push([code, `S${String(i % SITES).padStart(2, '0')}`, COHORT, rand() < 0.75 ? 'F' : 'M', String(1950 + Math.floor(rand() * 50)),
      addDays(start, -400 - Math.floor(rand() * 2000)), 'classic', 'tif1g', 'methotrexate;hydroxychloroquine', rand() < 0.2 ? 'yes' : 'no',
      drug, String(dose), start, stopped ? addDays(start, 400) : '', stopped ? 'inefficacy' : '', '', '']);
    const cdasi0 = 10 + Math.floor(rand() * 40);
    const count = i % 2 ? 6 : 5;
    for (let v = 0; v < count; v++) {
      const day = v === 0 ? 0 : [91, 182, 365, 547, 730][v - 1]! + Math.floor(rand() * 20) - 10;
      const fall = v === 0 ? 0 : Math.min(0.9, 0.3 + 0.1 * v + rand() * 0.2);
      visits.push([code, addDays(start, day), v === 0 ? 'baseline' : 'follow_up', String(Math.round(cdasi0 * (1 - fall))), String(2 + (i % 5)),
        String(100 + Math.floor(rand() * 50)), String(Math.max(0, 20 - 4 * v)), v < 2 ? 'ongoing' : 'stopped', 'yes', v ? 'no' : 'yes', String(dose),
        (5 - v * 0.8).toFixed(1), (6 - v * 0.7).toFixed(1), (3 - v * 0.5).toFixed(1), (1.5 - v * 0.25).toFixed(2), String(300 - v * 40)]);
    }
    if (rand() < 0.15)
      events.push([code, addDays(start, 30 + Math.floor(rand() * 300)), 'Herpes zoster', 'herpes_zoster', '2', 'no', 'possible', 'none', 'recovered', addDays(start, 340)]);
  }
  const write = (name: string, header: string[], rows: string[][]) =>
    fs.writeFileSync(path.join(folder, name), stringify([header, ...rows], { record_delimiter: '\n' }));
  write('patients.csv', ['patient_code', 'site', 'cohort', 'sex', 'birth_year', 'diagnosis_date', 'dm_subtype', 'antibodies', 'previous_treatments', 'ild',
    'jaki_drug', 'jaki_dose_mg_day', 'jaki_start_date', 'jaki_stop_date', 'jaki_stop_reason', 'death_date', 'death_cause'], patients);
  write('visits.csv', ['patient_code', 'visit_date', 'visit_type', 'cdasi_activity', 'cdasi_damage', 'mmt8', 'prednisone_mg_day', 'ivig', 'active_cutaneous',
    'active_muscle', 'jaki_dose_mg_day', 'physician_global', 'patient_global', 'extramuscular_global', 'haq', 'ck_u_l'], visits);
  write('adverse_events.csv', ['patient_code', 'onset_date', 'term', 'category', 'ctcae_grade', 'serious', 'related', 'action', 'outcome', 'end_date'], events);
  return { visits: visits.length, events: events.length };
}

/** Runs a script of ours as its own Node process: wall time, and peak memory (VmHWM) read while it runs. */
function timedCommand(args: string[], env: Record<string, string>): Promise<{ ms: number; peakMiB: number; code: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    let peakKiB = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      } catch {
        // the process has just ended
      }
    }, 25);
    child.on('exit', (code) => {
      clearInterval(sample);
      resolve({ ms: performance.now() - started, peakMiB: peakKiB / 1024, code: code ?? 1 });
    });
  });
}

/** A follow-up visit for the cohort's first patient, through the data layer: the server's cached report is then stale. */
async function saveOneVisit(url: string, n: number) {
  await withLocalDatabase(url, 'the benchmark database', async (db) => {
    const [patient] = await db.select({ id: patients.id, siteId: patients.siteId, start: patients.jakiStartDate }).from(patients).where(eq(patients.code, 'B-00000'));
    if (!patient?.start) throw new Error('no bench patient B-00000');
    const input = visitSchema.parse({ visitDate: addDays(patient.start, 1000 + n), visitType: 'follow_up', cdasiActivity: String(n) });
    await createVisit(db, { actorId: 'system:bench', siteIds: [patient.siteId], patientId: patient.id, input });
  });
}

export async function benchCohort() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-cohort-'));
  const made = writeCohort(folder);
  const url = await freshPostgres('dm_bench_cohort');
  const env = { DATABASE_URL: url };
  try {
    console.log(`made-up cohort: ${PATIENTS} patients, ${made.visits} visits, ${made.events} adverse events, ${SITES} sites`);
    const imported = await timedCommand(['scripts/import.ts', folder], env);
    if (imported.code !== 0) throw new Error('the import was refused');
    report('npm run import (whole command)', `${(imported.ms / 1000).toFixed(1)} s, peak ${imported.peakMiB.toFixed(0)} MiB`);
    const out = path.join(folder, 'report.json');
    const reported = await timedCommand(['scripts/report.ts', '--cohort', COHORT, '--format', 'json', '--out', out], env);
    if (reported.code !== 0) throw new Error('the report failed');
    report('npm run report --format json (whole command)', `${(reported.ms / 1000).toFixed(1)} s, peak ${reported.peakMiB.toFixed(0)} MiB`);

    await withLocalDatabase(url, 'the benchmark database', (db) =>
      createUser(db, { actorId: 'system:bench', input: { name: 'Bench admin', role: 'admin', siteIds: [], ...ADMIN } }),
    );
    const { server } = await timeToFirstPage(env);
    try {
      const cookie = await signInCookie(ADMIN.email, ADMIN.password);
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const started = performance.now();
        const res = await fetch(`${BASE}/api/v1/cohorts/${COHORT}/report?format=json`, { headers: { cookie } });
        await res.json();
        times.push(performance.now() - started);
      }
      const [cold, ...warm] = times;
      report('report JSON from the server, first request', `${cold!.toFixed(0)} ms`);
      report('report JSON from the server, warm, data unchanged (median of 5)', `${percentile(warm.sort((a, b) => a - b), 50).toFixed(0)} ms`);
      const recomputed: number[] = [];
      for (let i = 0; i < 5; i++) {
        await saveOneVisit(url, i);
        const started = performance.now();
        const res = await fetch(`${BASE}/api/v1/cohorts/${COHORT}/report?format=json`, { headers: { cookie } });
        await res.json();
        recomputed.push(performance.now() - started);
      }
      report('report JSON from the server, warm, after a visit saved (median of 5)', `${percentile(recomputed.sort((a, b) => a - b), 50).toFixed(0)} ms`);
      const m = server.pid ? /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')) : null;
      if (m) report('server process peak memory (npm)', `${(Number(m[1]) / 1024).toFixed(0)} MiB`);
    } finally {
      await stopServer(server);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await dropDatabase('dm_bench_cohort');
  }
}
