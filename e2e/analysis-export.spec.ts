import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { openDb, type Sql } from './http';
import { newSession } from './sessions';
import { problemOf } from './problem';

// The analysis files over HTTP (docs/analysis-exports.md): a coordinator downloads the demo
// cohort's zip from the cohorts page and finds the five files, one row per visit and per patient
// of their sites, every column in the dictionary; a NORD clinician's zip holds NORD's patients
// only. Who may ask is in the access matrix.

let sql: Sql;
test.beforeAll(() => {
  sql = openDb();
});
test.afterAll(async () => {
  await sql.end();
});

type Row = Record<string, string>;
const rows = (text: string): Row[] => parse(text, { columns: true }) as Row[];
const header = (text: string) => text.slice(0, text.indexOf('\n')).split(',');

/** The demo cohort's patients and visits at these sites, not voided, as the database holds them. */
async function expected(siteCodes: string[]) {
  const patients = await sql`
    select p.code from patient p join cohort c on c.id = p.cohort_id join site s on s.id = p.site_id
    where c.code = 'DEMO-JAKI' and p.voided_at is null and s.code in ${sql(siteCodes)} order by p.code`;
  const visits = await sql`
    select p.code, v.visit_date::text as date from visit v join patient p on p.id = v.patient_id join cohort c on c.id = p.cohort_id join site s on s.id = p.site_id
    where c.code = 'DEMO-JAKI' and p.voided_at is null and v.voided_at is null and s.code in ${sql(siteCodes)}`;
  return { patients: patients.map((p) => p.code as string), visits: visits.map((v) => `${v.code} ${v.date}`).sort() };
}

test('a coordinator downloads the analysis files from the cohorts page', async ({ pageAs }, testInfo) => {
  const page = await pageAs('coordinator');
  const [before] = await sql`select coalesce(max(seq), 0)::text as seq from audit_log`;
  await page.getByRole('link', { name: 'Cohorts' }).click();
  await expect(page.getByRole('columnheader', { name: 'Analysis files' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('cohorts-1366.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('cohorts-390.png'), fullPage: true });
  // On a phone the table scrolls inside its card, the cohort's code kept in view.
  const link = page.getByRole('link', { name: 'DEMO-JAKI-analysis.zip' });
  await link.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('cohorts-390-scrolled.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await link.click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('DEMO-JAKI-analysis.zip');
  const unzipped = unzipSync(new Uint8Array(fs.readFileSync(await zip.path())));
  expect(Object.keys(unzipped)).toEqual(['long.csv', 'wide.csv', 'dictionary.csv', 'read.R', 'read.do']);
  const files = Object.fromEntries(Object.entries(unzipped).map(([name, bytes]) => [name, strFromU8(bytes)]));

  const want = await expected(['NORD', 'SUD']);
  const long = rows(files['long.csv']!);
  const wide = rows(files['wide.csv']!);
  expect(long.map((r) => `${r.patient_code} ${r.visit_date}`).sort()).toEqual(want.visits);
  expect(wide.map((r) => r.patient_code)).toEqual(want.patients);

  const dictionary = rows(files['dictionary.csv']!);
  expect(dictionary.filter((d) => d.file === 'long.csv').map((d) => d.column)).toEqual(header(files['long.csv']!));
  expect(dictionary.filter((d) => d.file === 'wide.csv').map((d) => d.column)).toEqual(header(files['wide.csv']!));
  expect(dictionary.find((d) => d.column === 'cdasi_activity_m3')).toMatchObject({ label: 'CDASI activity, month 3', type: 'integer', min: '0', max: '100' });
  for (const d of dictionary) {
    expect(files['read.R']).toContain(`\n  ${d.column} = `);
    expect(files['read.do']).toContain(`\nlabel variable ${d.column} `);
  }
  expect(files['read.R']).toContain('cohort DEMO-JAKI');

  const [entry] = await sql`select entity, after from audit_log where seq > ${before!.seq} and action = 'export' order by seq desc limit 1`;
  expect(entry?.entity).toBe('cohort');
  expect(entry?.after).toMatchObject({ format: 'analysis', patients: want.patients.length, visits: want.visits.length });
});

test('a NORD clinician’s analysis files hold NORD’s patients only; refusals are JSON', async ({ playwright }) => {
  const clinician = await newSession(playwright.request, 'clinician');
  const res = await clinician.get('/api/v1/cohorts/DEMO-JAKI/analysis');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(await res.body()));
  const want = await expected(['NORD']);
  expect(rows(strFromU8(files['wide.csv']!)).map((r) => r.patient_code)).toEqual(want.patients);
  expect(rows(strFromU8(files['long.csv']!)).map((r) => `${r.patient_code} ${r.visit_date}`).sort()).toEqual(want.visits);
  expect(new Set(rows(strFromU8(files['long.csv']!)).map((r) => r.site))).toEqual(new Set(['NORD']));

  const unknown = await clinician.get('/api/v1/cohorts/NO-SUCH-COHORT/analysis');
  expect(unknown.status()).toBe(404);
  expect((await problemOf(unknown)).detail).toBe('No cohort NO-SUCH-COHORT.');
  const auditor = await newSession(playwright.request, 'auditor');
  const refused = await auditor.get('/api/v1/cohorts/DEMO-JAKI/analysis');
  expect(refused.status()).toBe(404);
  expect((await problemOf(refused)).detail).toBe('Not found.');
  await Promise.all([clinician.dispose(), auditor.dispose()]);
});
