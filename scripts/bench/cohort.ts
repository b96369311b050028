import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createUser } from '@/db/queries/users';
import { createVisit } from '@/db/queries/visits';
import { patients } from '@/db/schema';
import { visitSchema } from '@/lib/schemas/visit';
import { addDays } from '@/lib/dates';
import type { ReportSummary } from '@/lib/cohort/report-types';
import { ADVERSE_EVENT_COLUMNS, PATIENT_COLUMNS, RELAPSE_COLUMNS, VISIT_COLUMNS } from '@/lib/interchange';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { plainCopyMs } from './copy-baseline';
import { reportSpeed } from './report-speed';
import { pageBytes } from './pages';
import { BASE, percentile, report, signInCookie, stopServer, timeToFirstPage, treeMiB } from './server';
import { addRow, kB, ms } from './table';

// Issue "cohort report": a made-up cohort of 10,000 patients, about 55,000 visits, 40 sites.
// Import and report are timed as whole commands (Node's start included) with their peak
// memory; the report also through a warm server.

const PATIENTS = 10_000;
const SITES = 40;
const COHORT = 'BENCH';
const DATABASE = `dm_bench_cohort_${process.pid}`;
const ADMIN = { email: 'bench-admin@bench.test', password: 'bench-password-1' };

/** A small deterministic generator: the same cohort every run. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 4294967296) / 4294967296;
}

/** Writes the made-up cohort's files into `folder` (`patients`: 10,000 unless told), every column of the contract. */
export function writeCohort(folder: string, count = PATIENTS) {
  const rand = prng(42);
  const patients: Cells[] = [];
  const visits: Cells[] = [];
  const events: Cells[] = [];
  const relapses: Cells[] = [];
  const drugs: [string, number][] = [['baricitinib', 4], ['baricitinib', 2], ['ruxolitinib', 30], ['tofacitinib', 11], ['upadacitinib', 15]];
  for (let i = 0; i < count; i++) {
    const code = `B-${String(i).padStart(5, '0')}`;
    const start = addDays('2021-01-04', Math.floor(rand() * 900));
    const [drug, dose] = drugs[i % drugs.length]!;
    const stopDay = rand() < 0.15 ? 400 : null;
    patients.push({
      patient_code: code, site: `S${String(i % SITES).padStart(2, '0')}`, cohort: COHORT, sex: rand() < 0.75 ? 'F' : 'M',
      birth_year: String(1950 + Math.floor(rand() * 50)), diagnosis_date: addDays(start, -400 - Math.floor(rand() * 2000)), dm_subtype: 'classic',
      antibodies: 'tif1g', previous_treatments: 'methotrexate;hydroxychloroquine', ild: rand() < 0.2 ? 'yes' : 'no', jaki_drug: drug,
      jaki_dose_mg_day: String(dose), jaki_start_date: start, jaki_stop_date: stopDay ? addDays(start, stopDay) : '',
      jaki_stop_reason: stopDay ? 'inefficacy' : '',
    });
    const cdasi0 = 10 + Math.floor(rand() * 40);
    const methylprednisolone = i % 4 === 0;
    const visitCount = i % 2 ? 6 : 5;
    for (let v = 0; v < visitCount; v++) {
      const day = v === 0 ? 0 : [91, 182, 365, 547, 730][v - 1]! + Math.floor(rand() * 20) - 10;
      const fall = v === 0 ? 0 : Math.min(0.9, 0.3 + 0.1 * v + rand() * 0.2);
      const prednisone = Math.max(0, 20 - 4 * v);
      visits.push({
        patient_code: code, visit_date: addDays(start, day), visit_type: v === 0 ? 'baseline' : 'follow_up',
        cdasi_activity: String(Math.round(cdasi0 * (1 - fall))), cdasi_damage: String(2 + (i % 5)), mmt8: String(100 + Math.floor(rand() * 50)),
        ...(methylprednisolone && prednisone > 0 ? { steroid_drug: 'methylprednisolone', steroid_mg_day: String(prednisone * 0.8) } : { prednisone_mg_day: String(prednisone) }),
        ivig: v < 2 ? 'ongoing' : 'stopped', ivig_dose_g_kg: v < 2 ? '2' : '', ivig_interval_weeks: v < 2 ? '4' : '',
        active_cutaneous: 'yes', active_muscle: v ? 'no' : 'yes',
        jaki_dose_mg_day: stopDay !== null && day > stopDay ? '' : String(dose),
        physician_global: (5 - v * 0.8).toFixed(1), patient_global: (6 - v * 0.7).toFixed(1), extramuscular_global: (3 - v * 0.5).toFixed(1),
        haq: (1.5 - v * 0.25).toFixed(2), ck_u_l: String(300 - v * 40), ck_uln: '190', aldolase_u_l: (9 - v).toFixed(1), aldolase_uln: '7.6',
      });
    }
    if (rand() < 0.15)
      events.push({
        patient_code: code, onset_date: addDays(start, 30 + Math.floor(rand() * 300)), term: 'Herpes zoster', category: 'herpes_zoster', ctcae_grade: '2',
        serious: 'no', related: 'possible', action: 'none', outcome: 'recovered', end_date: addDays(start, 340),
      });
    if (i % 8 === 0) relapses.push({ patient_code: code, relapse_date: addDays(start, 250), domain: i % 16 ? 'skin' : 'muscle', action: 'steroid_increase' });
  }
  const write = (name: string, columns: { name: string }[], rows: Cells[]) =>
    fs.writeFileSync(path.join(folder, name), stringify([columns.map((c) => c.name), ...rows.map((r) => columns.map((c) => r[c.name] ?? ''))], { record_delimiter: '\n' }));
  write('patients.csv', PATIENT_COLUMNS, patients);
  write('visits.csv', VISIT_COLUMNS, visits);
  write('adverse_events.csv', ADVERSE_EVENT_COLUMNS, events);
  write('relapses.csv', RELAPSE_COLUMNS, relapses);
  return { patients: patients.length, visits: visits.length, events: events.length, relapses: relapses.length };
}

type Cells = Record<string, string>;

/** Runs a script of ours as its own Node process: wall time, and peak memory (VmHWM) read while it runs. */
export function timedCommand(args: string[], env: Record<string, string>): Promise<{ ms: number; peakMiB: number; code: number }> {
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

/** 200 follow-up visits saved one by one through the data layer (each its own transaction, audit entry and checks), on the imported cohort. */
async function visitSaves(url: string) {
  await withLocalDatabase(url, 'the benchmark database', async (db) => {
    const rows = await db.select({ id: patients.id, siteId: patients.siteId, start: patients.jakiStartDate, stop: patients.jakiStopDate }).from(patients).limit(200);
    const times: number[] = [];
    for (const p of rows) {
      const input = visitSchema.parse({ visitDate: addDays(p.start, 900), visitType: 'follow_up', cdasiActivity: '4', mmt8: '140', jakiDoseMgDay: p.stop ? '' : '4', ckUL: '120', ckUln: '190' });
      const started = performance.now();
      await createVisit(db, { actorId: 'system:bench', siteIds: [p.siteId], patientId: p.id, input });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    report(`visit save through the data layer (${times.length} saves)`, `p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`);
  });
}

export async function benchCohort() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-cohort-'));
  const made = writeCohort(folder);
  const url = await freshPostgres(DATABASE);
  const env = { DATABASE_URL: url };
  try {
    console.log(`made-up cohort: ${made.patients} patients, ${made.visits} visits, ${made.events} adverse events, ${made.relapses} relapses, ${SITES} sites`);
    const imported = await timedCommand(['scripts/import.ts', folder], env);
    if (imported.code !== 0) throw new Error('the import was refused');
    report('npm run import (whole command)', `${(imported.ms / 1000).toFixed(1)} s, peak ${imported.peakMiB.toFixed(0)} MiB`);
    const copied = await plainCopyMs(url, folder);
    report('plain COPY of the same rows (minimum)', `${(copied / 1000).toFixed(2)} s`);
    report('  import / COPY', `${(imported.ms / copied).toFixed(1)}×`);
    addRow({
      part: 'cohort',
      work: `import ${made.patients.toLocaleString('en')} patients / ${made.visits.toLocaleString('en')} visits`,
      app: { text: `${(imported.ms / 1000).toFixed(1)} s, peak ${imported.peakMiB.toFixed(0)} MiB`, value: imported.ms, unit: 'ms', peakMiB: imported.peakMiB },
      minimum: { text: `plain COPY, no checks nor audit rows: ${(copied / 1000).toFixed(2)} s`, value: copied, unit: 'ms' },
      ratio: imported.ms / copied,
      ratioKind: 'multiple',
    });
    await visitSaves(url);
    const out = path.join(folder, 'report.json');
    const reported = await timedCommand(['scripts/report.ts', '--cohort', COHORT, '--format', 'json', '--out', out], env);
    if (reported.code !== 0) throw new Error('the report failed');
    report('npm run report --format json (whole command)', `${(reported.ms / 1000).toFixed(1)} s, peak ${reported.peakMiB.toFixed(0)} MiB`);
    const withPatients = path.join(folder, 'report-patients.json');
    if ((await timedCommand(['scripts/report.ts', '--cohort', COHORT, '--format', 'json', '--include', 'patients', '--out', withPatients], env)).code !== 0)
      throw new Error('the report with patients failed');
    report('report JSON size: summary / with --include patients', `${kB(fs.statSync(out).size)} / ${kB(fs.statSync(withPatients).size)}`);
    const summaryBytes = fs.statSync(out).size;
    addRow({
      part: 'cohort',
      work: `report JSON, ${made.patients.toLocaleString('en')} patients`,
      app: { text: `${kB(summaryBytes)} (with --include patients: ${kB(fs.statSync(withPatients).size)})`, value: summaryBytes, unit: 'bytes' },
      minimum: null,
      ratio: null,
    });
    const fhirFile = path.join(folder, 'fhir.json');
    const fhir = await timedCommand(['scripts/export.ts', '--cohort', COHORT, '--format', 'fhir', '--out', fhirFile], env);
    if (fhir.code !== 0) throw new Error('the FHIR export failed');
    report('npm run export --format fhir (whole command)', `${(fhir.ms / 1000).toFixed(1)} s, peak ${fhir.peakMiB.toFixed(0)} MiB, ${(fs.statSync(fhirFile).size / 2 ** 20).toFixed(0)} MiB written`);
    fs.rmSync(fhirFile);

    await withLocalDatabase(url, 'the benchmark database', (db) =>
      createUser(db, { actorId: 'system:bench', input: { name: 'Bench admin', role: 'admin', siteIds: [], ...ADMIN } }),
    );
    const { server } = await timeToFirstPage(env);
    try {
      const cookie = await signInCookie(ADMIN.email, ADMIN.password);
      const reportJson = async () => {
        const res = await fetch(`${BASE}/api/v1/cohorts/${COHORT}/report?format=json`, { headers: { cookie } });
        if (!res.ok) throw new Error(`the report answered ${res.status}`);
        return (await res.json()) as ReportSummary;
      };
      const started = performance.now();
      await reportJson();
      report('report JSON from the server, first request', `${(performance.now() - started).toFixed(0)} ms`);
      const speed = await reportSpeed(url, COHORT, reportJson);
      addRow({
        part: 'cohort',
        work: 'report recomputed after a change (server)',
        app: { text: ms(speed.recomputedMs), value: speed.recomputedMs, unit: 'ms' },
        minimum: { text: `hand-written SQL aggregate ${ms(speed.sqlMs)}`, value: speed.sqlMs, unit: 'ms' },
        ratio: speed.recomputedMs / speed.sqlMs,
        ratioKind: 'multiple',
        goal: `≤ ${speed.goalRatio}×`,
        met: speed.recomputedMs / speed.sqlMs <= speed.goalRatio,
      });
      const list = await pageBytes(`${BASE}/patients`, cookie);
      addRow({ part: 'cohort', work: `patient list, ${made.patients.toLocaleString('en')} patients (admin, first page)`, app: { text: `${kB(list)} of HTML`, value: list, unit: 'bytes' }, minimum: null, ratio: null });
      if (server.pid) report('server peak memory (npm and next-server, summed)', `${treeMiB(server.pid, 'VmHWM').toFixed(0)} MiB`);
      const fhirStarted = performance.now();
      const fhirRes = await fetch(`${BASE}/api/v1/cohorts/${COHORT}/fhir`, { headers: { cookie } });
      if (fhirRes.status !== 200 || !fhirRes.body) throw new Error(`the FHIR export answered ${fhirRes.status}`);
      let fhirBytes = 0;
      const reader = fhirRes.body.getReader(); // read and dropped: the client holds none of it
      for (let r = await reader.read(); !r.done; r = await reader.read()) fhirBytes += r.value.byteLength;
      report('FHIR Bundle from the server, whole cohort', `${((performance.now() - fhirStarted) / 1000).toFixed(1)} s, ${(fhirBytes / 2 ** 20).toFixed(0)} MiB`);
      if (server.pid) report('  server peak memory after it (npm and next-server, summed)', `${treeMiB(server.pid, 'VmHWM').toFixed(0)} MiB`);
    } finally {
      await stopServer(server);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await dropDatabase(DATABASE);
  }
}
