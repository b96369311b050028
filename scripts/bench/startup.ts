import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { DEMO_PASSWORD, seedDemo } from '@/db/seed';
import { addDays } from '@/lib/dates';
import { dropDatabase, freshPostgres } from '../local-database';
import { BASE, percentile, report, signInCookie, stopServer, timeToFirstPage } from './server';

// Issue "visit entry": npm start to the first page on both databases, and visit-save latency
// through the server action, as the form calls it.

const SAVES = 200;

function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} not found in the build`);
  return entry[0];
}

/** Saves follow-up visits one after another through createVisitAction. */
async function saveLatency(url: string): Promise<number[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [patient] = await sql<{ id: string; baseline: string }[]>`
    select p.id, greatest(v.visit_date, p.jaki_start_date)::text as baseline from patient p
    join visit v on v.patient_id = p.id and v.visit_type = 'baseline'
    join site s on s.id = p.site_id where s.code = 'NORD' and p.jaki_stop_date is null
    order by v.visit_date limit 1`;
  await sql.end();
  if (!patient) throw new Error('no demo patient to save visits for');

  const cookie = await signInCookie('clinician@demo.test', DEMO_PASSWORD);
  const id = actionId('createVisitAction');
  const times: number[] = [];
  for (let n = 1; times.length < SAVES && n < 5000; n++) {
    const values = { visitDate: addDays(patient.baseline, n), visitType: 'follow_up', cdasiActivity: String(n % 40), mmt8: String(100 + (n % 50)), prednisoneMgDay: '5' };
    const started = performance.now();
    const res = await fetch(`${BASE}/patients/${patient.id}/visits/new`, {
      method: 'POST',
      headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: BASE, cookie },
      body: JSON.stringify([patient.id, values]),
    });
    const body = await res.text();
    const elapsed = performance.now() - started;
    if (body.includes('"ok":true')) times.push(elapsed);
    else if (!body.includes('There is already a visit')) throw new Error(`save refused: ${res.status} ${body.slice(0, 300)}`);
  }
  return times;
}

export async function benchStartupAndSaves() {
  const url = await freshPostgres('dm_bench', (db) => seedDemo(db));
  const pg = await timeToFirstPage({ DATABASE_URL: url });
  report('npm start → first page, PostgreSQL', `${pg.ms.toFixed(0)} ms`);
  try {
    const times = (await saveLatency(url)).sort((a, b) => a - b);
    report(`visit save via server action, ${times.length} saves, p50`, `${percentile(times, 50).toFixed(1)} ms`);
    report(`visit save via server action, ${times.length} saves, p99`, `${percentile(times, 99).toFixed(1)} ms`);
  } finally {
    await stopServer(pg.server);
    await dropDatabase('dm_bench');
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-pglite-'));
  const pgliteEnv = { DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, 'db') };
  try {
    const first = await timeToFirstPage(pgliteEnv);
    report('npm start → first page, embedded (new: migrate + seed)', `${first.ms.toFixed(0)} ms`);
    await stopServer(first.server);
    const again = await timeToFirstPage(pgliteEnv);
    report('npm start → first page, embedded (existing data)', `${again.ms.toFixed(0)} ms`);
    await stopServer(again.server);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
