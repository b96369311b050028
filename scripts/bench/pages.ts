import postgres from 'postgres';
import { DEMO_PASSWORD, seedDemo } from '@/db/seed';
import { dropDatabase, freshPostgres } from '../local-database';
import { startServers, stopServers } from '../load/servers';
import { PORT, signInCookie } from './server';
import { addRow, kB } from './table';

// What pages weigh (issue 13): the HTML a clinician's browser receives for the demo patient
// with the most visits, the patient list and the visit forms, as `next start` sends them.

const PATIENT_PAGE_GOAL = 100 * 1024;

/** The bytes of a page's HTML, refused unless it answers 200. */
export async function pageBytes(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return body.byteLength;
}

export async function benchPages() {
  const name = `dm_bench_pages_${process.pid}`;
  const url = await freshPostgres(name, (db) => seedDemo(db));
  const port = PORT;
  const base = `http://127.0.0.1:${port}`;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const servers = await startServers([port], { databaseUrl: url, publicUrl: base });
  try {
    const [patient] = await sql<{ id: string; code: string; visit: string; n: number }[]>`
      select p.id, p.code, max(v.id::text) as visit, count(v.id)::int as n from patient p
      join site s on s.id = p.site_id join visit v on v.patient_id = p.id
      where s.code = 'NORD' group by p.id order by count(v.id) desc, p.code limit 1`;
    if (!patient) throw new Error('the demo has no patient with visits');
    const cookie = await signInCookie('clinician@demo.test', DEMO_PASSWORD, base);
    const page = await pageBytes(`${base}/patients/${patient.id}`, cookie);
    addRow({
      part: 'pages',
      work: `patient page, one patient (${patient.code}, ${patient.n} visits)`,
      app: { text: `${kB(page)} of HTML`, value: page, unit: 'bytes' },
      minimum: null,
      ratio: null,
      goal: '≤ 100 kB',
      met: page <= PATIENT_PAGE_GOAL,
    });
    for (const [work, path] of [
      ['patient list (demo, one site)', '/patients'],
      ['visit form, new visit', `/patients/${patient.id}/visits/new`],
      ['visit form, edit', `/patients/${patient.id}/visits/${patient.visit}/edit`],
    ] as const) {
      const bytes = await pageBytes(`${base}${path}`, cookie);
      addRow({ part: 'pages', work, app: { text: `${kB(bytes)} of HTML`, value: bytes, unit: 'bytes' }, minimum: null, ratio: null });
    }
  } finally {
    await sql.end();
    await stopServers(servers);
    await dropDatabase(name);
  }
}
