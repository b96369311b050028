import { expect, test, type APIRequestContext } from '@playwright/test';
import { USERS } from './access-matrix';
import { BASE, buildActions, callAction, callFormAction, openDb, signInThroughAuth, snapshot, type Sql } from './http';
import { newSession } from './sessions';

// Cross-site requests: a server action posted from another origin, or with a Host that does
// not match its Origin, is refused by Next before it runs; better-auth refuses a foreign Origin.

test.describe.configure({ mode: 'serial' });

const EVIL = 'http://evil.example';
let sql: Sql;
let clinician: APIRequestContext;
let nord: { siteId: string; cohortId: string };
const actions = new Map<string, string>();
const action = (key: string) => actions.get(key) ?? (() => { throw new Error(`${key} is not in the build`); })();

test.beforeAll(async ({ playwright }) => {
  sql = openDb();
  for (const [key, id] of buildActions()) actions.set(key, id);
  clinician = await newSession(playwright.request, 'clinician');
  const [row] = await sql<{ site_id: string; cohort_id: string }[]>`
    select s.id as site_id, c.id as cohort_id from site s, cohort c where s.code = 'NORD' and c.code = 'DEMO-JAKI'`;
  nord = { siteId: row!.site_id, cohortId: row!.cohort_id };
});

test.afterAll(async () => {
  await clinician?.dispose();
  await sql?.end();
});

let serial = 0;
function newPatient() {
  return {
    code: `CSRF-${Date.now().toString(36).toUpperCase()}${serial++}`,
    siteId: nord.siteId,
    cohortId: nord.cohortId,
    sex: 'F',
    birthYear: '1972',
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: '4',
    jakiStartDate: '2024-03-01',
  };
}

const FOREIGN: { label: string; headers: Record<string, string> }[] = [
  { label: 'Origin of another site', headers: { origin: EVIL } },
  { label: 'Origin null (a sandboxed frame)', headers: { origin: 'null' } },
  { label: 'our Origin behind a proxy that forwards another Host', headers: { 'x-forwarded-host': 'evil.example' } },
  { label: 'our Origin with another Host', headers: { host: 'evil.example' } },
  { label: 'Origin of another site with our Host forwarded', headers: { origin: EVIL, 'x-forwarded-host': new URL(BASE).host } },
];

test('a server action from another origin, or with a mismatched Host, is refused and writes nothing', async () => {
  const createPatient = action('app/(app)/patients/actions.ts#createPatientAction');
  for (const { label, headers } of FOREIGN) {
    const before = await snapshot(sql);
    const reply = await callAction(clinician, createPatient, [newPatient()], { headers });
    expect(await snapshot(sql), `${label}: nothing written`).toEqual(before);
    expect(reply.status, `${label}: ${reply.body.slice(0, 200)}`).toBe(500);
    expect(reply.result, label).toBeUndefined();
  }
  // The same call from our own origin is saved: the payload was not the reason.
  const before = await snapshot(sql);
  const reply = await callAction(clinician, createPatient, [newPatient()]);
  expect(reply.result).toMatchObject({ ok: true });
  expect((await snapshot(sql)).patients).toBe(before.patients + 1);
});

test('an upload action (multipart) from another origin is refused and writes nothing', async ({ playwright }) => {
  const coordinator = await newSession(playwright.request, 'coordinator');
  const code = `CSRF-IMP-${Date.now().toString(36).toUpperCase()}`;
  const files = {
    patients: {
      name: 'patients.csv',
      text:
        'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,jaki_stop_date,jaki_stop_reason,death_date,death_cause\n' +
        `${code},NORD,DEMO-JAKI,F,1970,2020-01-01,classic,tif1g,methotrexate,no,baricitinib,4,2024-01-15,,,,\n`,
    },
  };
  const importCohort = action('app/(app)/import/actions.ts#importCohortAction');
  const before = await snapshot(sql);
  const reply = await callFormAction(coordinator, importCohort, { status: 'idle' }, files, { headers: { origin: EVIL } });
  expect(await snapshot(sql)).toEqual(before);
  expect(reply.status).toBe(500);
  expect(reply.result).toBeUndefined();
  const own = await callFormAction(coordinator, importCohort, { status: 'idle' }, files);
  expect(own.result).toMatchObject({ status: 'imported' });
  await coordinator.dispose();
});

test('better-auth refuses sign-in, sign-out and account changes from another origin', async ({ playwright }) => {
  // Signed out: a foreign page posting the sign-in form gets no session.
  const visitor = await playwright.request.newContext({ baseURL: BASE });
  const before = await snapshot(sql);
  const signIn = await signInThroughAuth(visitor, USERS.clinician.email, { headers: { origin: EVIL } });
  expect(signIn.status()).toBe(403);
  expect(signIn.headers()['set-cookie'] ?? '').not.toContain('session_token');
  expect(await (await visitor.get('/api/auth/get-session')).json()).toBeNull();
  expect(await snapshot(sql)).toEqual(before);
  await visitor.dispose();

  // Signed in: a foreign page cannot sign the user in as someone else, out, or rename them.
  const asOther = await signInThroughAuth(clinician, USERS.admin.email, { headers: { origin: EVIL } });
  expect(asOther.status()).toBe(403);
  const signOut = await clinician.post('/api/auth/sign-out', { headers: { origin: EVIL }, data: {} });
  expect(signOut.status()).toBe(403);
  const rename = await clinician.post('/api/auth/update-user', { headers: { origin: EVIL }, data: { name: 'Evil Name' } });
  expect(rename.status()).toBe(403);
  expect((await (await clinician.get('/api/auth/get-session')).json())?.user).toMatchObject({ email: USERS.clinician.email, name: 'Claire Martin' });
  expect(await snapshot(sql)).toEqual(before);
});
