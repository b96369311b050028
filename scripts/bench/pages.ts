import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { DEMO_PASSWORD, seedDemo } from '@/db/seed';
import { eq, max, min } from 'drizzle-orm';
import { ValidationError } from '@/lib/errors';
import { createVisit } from '@/db/queries/visits';
import { patients, visits } from '@/db/schema';
import { addDays } from '@/lib/dates';
import { visitSchema } from '@/lib/schemas/visit';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { startServers, stopServers } from '../load/servers';
import { PORT, signInCookie } from './server';
import { addRow, kB } from './table';

// What pages weigh (issue 13): the HTML a clinician's browser receives for a demo patient
// followed for years (the demo's patient with the most visits, given VISITS follow-ups as a
// busy load leaves them), the patient list and the visit forms, as `next start` sends them.

const VISITS = 120;

const PATIENT_PAGE_GOAL = 100 * 1024;

/** The bytes of a page's HTML, refused unless it answers 200. */
export async function pageBytes(url: string, cookie: string): Promise<number> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  // BENCH_KEEP_PAGES: a folder to keep each page's HTML in, to see what weighs.
  if (process.env.BENCH_KEEP_PAGES) fs.writeFileSync(path.join(process.env.BENCH_KEEP_PAGES, `${new URL(url).pathname.replace(/\W+/g, '_')}.html`), Buffer.from(body));
  return body.byteLength;
}

/** `count` monthly follow-ups after the patient's last visit, through the data layer, as a clinician saves them. */
async function addFollowUps(url: string, patientId: string, count: number): Promise<number> {
  return withLocalDatabase(url, 'the benchmark database', async (db) => {
    const [p] = await db
      .select({ siteId: patients.siteId, first: min(visits.visitDate), last: max(visits.visitDate) })
      .from(patients)
      .innerJoin(visits, eq(visits.patientId, patients.id))
      .where(eq(patients.id, patientId))
      .groupBy(patients.id);
    let added = 0;
    // Every third day between the first visit and the last: a day the rules refuse (a visit already there) is skipped.
    for (let visitDate = addDays(p!.first!, 3); added < count && visitDate < p!.last!; visitDate = addDays(visitDate, 3)) {
      const input = visitSchema.parse({ visitDate, visitType: 'follow_up', cdasiActivity: String(5 + (added % 20)), cdasiDamage: '3', mmt8: String(120 + (added % 30)), prednisoneMgDay: '5', haq: '0.5', ckUL: '150' });
      try {
        await createVisit(db, { actorId: 'system:bench', siteIds: [p!.siteId], patientId, input });
        added++;
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
      }
    }
    return added;
  });
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
    patient.n += await addFollowUps(url, patient.id, VISITS - patient.n);
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
