import crypto from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import { USERS, type UserKey } from './access-matrix';
import { BASE, openDb, snapshot, type Sql } from './http';
import { TOKEN_PREFIX, tokenHint } from '@/lib/auth/tokens';
import { CDASI_LOCATIONS, cdasiScores, type CdasiItems } from '@/lib/instruments/cdasi';
import { MMT8_BILATERAL, mmt8Total, type Mmt8Items } from '@/lib/instruments/mmt8';

// The JSON API of patients, visits, adverse events and relapses (docs/api.md) as a script
// meets it, over HTTP with personal access tokens: scopes and roles, site scope (another
// site's record is not there), Idempotency-Key, versions and reasons, problem+json refusals
// that write nothing, and pages that walk every record once.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let sql: Sql;
const scripts: APIRequestContext[] = [];

/** A token of a demo user, made as db/queries/tokens.ts makes one (only its hash is stored). */
async function makeToken(who: UserKey, scopes: string[], { expired = false, revoked = false } = {}): Promise<string> {
  const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const hash = crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
  const [user] = await sql`select id from "user" where email = ${USERS[who].email}`;
  await sql`insert into access_token (user_id, name, scopes, secret_hash, hint, expires_at, revoked_at)
    values (${user!.id}, ${`api spec ${who} ${scopes.join('+')}`}, ${scopes}, ${hash}, ${tokenHint(secret)},
            ${expired ? sql`now() - interval '1 day'` : sql`now() + interval '1 day'`}, ${revoked ? sql`now()` : null})`;
  return secret;
}

async function script(secret: string): Promise<APIRequestContext> {
  const { request } = await import('@playwright/test');
  const context = await request.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  scripts.push(context);
  return context;
}

async function problemOf(res: APIResponse) {
  expect(res.headers()['content-type']).toBe('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ type: 'about:blank', status: res.status() });
  return body as { title: string; status: number; detail: string; errors?: { pointer: string; detail: string }[] };
}

async function patientOf(site: 'NORD' | 'SUD') {
  const [row] = await sql`select p.id, p.version from patient p join site s on s.id = p.site_id
    where s.code = ${site} and p.voided_at is null order by p.code limit 1`;
  return row as { id: string; version: number };
}

test.beforeAll(() => {
  sql = openDb();
});
test.afterAll(async () => {
  for (const s of scripts) await s.dispose();
  await sql.end();
});

test('a read token lists and reads but cannot write; revoked and expired tokens get 401; all as problem+json, nothing written', async () => {
  const reader = await script(await makeToken('clinician', ['read']));
  const list = await reader.get('/api/v1/patients');
  expect(list.status()).toBe(200);
  expect((await list.json()).data.length).toBeGreaterThan(0);

  const patient = await patientOf('NORD');
  const before = await snapshot(sql);
  const write = await reader.post('/api/v1/relapses', { data: { patientId: patient.id, relapseDate: '2025-02-03', domain: 'skin' } });
  expect(write.status()).toBe(403);
  expect((await problemOf(write)).detail).toContain('has no write scope');
  expect(write.headers()['www-authenticate']).toContain('insufficient_scope');
  const patch = await reader.patch(`/api/v1/patients/${patient.id}`, { data: { version: patient.version, reason: 'A read token tries', jakiDoseMgDay: 2 } });
  expect(patch.status()).toBe(403);
  expect(await snapshot(sql)).toEqual(before);
  expect((await sql`select count(*)::int as n from relapse where relapse_date = '2025-02-03'`)[0]!.n).toBe(0);

  for (const state of [{ revoked: true }, { expired: true }]) {
    const gone = await script(await makeToken('clinician', ['read', 'write'], state));
    const res = await gone.get('/api/v1/visits');
    expect(res.status()).toBe(401);
    expect((await problemOf(res)).detail).toBe('The token is not valid: it may be mistyped, revoked or expired.');
  }
  // An auditor's token with the write scope still cannot write: the role decides.
  const auditor = await script(await makeToken('auditor', ['read', 'write']));
  const refused = await auditor.post('/api/v1/relapses', { data: { patientId: patient.id, relapseDate: '2025-02-03', domain: 'skin' } });
  expect(refused.status()).toBe(403);
  expect((await problemOf(refused)).detail).toContain('Your role cannot change clinical records');
  expect(await snapshot(sql)).toEqual(before);
});

test("a NORD clinician's token never sees SUD: 404 for a record, absent from every list", async () => {
  const nord = await script(await makeToken('clinician', ['read', 'write']));
  const sud = await patientOf('SUD');
  const [sudVisit] = await sql`select v.id from visit v where v.patient_id = ${sud.id} and v.voided_at is null limit 1`;
  for (const url of [`/api/v1/patients/${sud.id}`, `/api/v1/visits/${sudVisit!.id}`, `/api/v1/patients/${crypto.randomUUID()}`, '/api/v1/visits/not-an-id']) {
    const res = await nord.get(url);
    expect(res.status(), url).toBe(404);
    await problemOf(res);
  }
  const before = await snapshot(sql);
  const patch = await nord.patch(`/api/v1/patients/${sud.id}`, { data: { version: sud.version, reason: 'Not my site', jakiDoseMgDay: 2 } });
  expect(patch.status()).toBe(404);
  const create = await nord.post('/api/v1/visits', { data: { patientId: sud.id, visitDate: '2025-03-01', visitType: 'follow_up' } });
  expect(create.status()).toBe(404);
  expect(await snapshot(sql)).toEqual(before);

  const sudCodes = (await sql`select p.code from patient p join site s on s.id = p.site_id where s.code <> 'NORD'`).map((r) => r.code as string);
  for (const list of ['/api/v1/patients?limit=all', '/api/v1/visits?limit=all', '/api/v1/adverse-events?limit=all', '/api/v1/relapses?limit=all']) {
    const body = await (await nord.get(list)).json();
    const codes = new Set(body.data.map((r: { code?: string; patientCode?: string }) => r.patientCode ?? r.code));
    expect(sudCodes.filter((c) => codes.has(c)), list).toEqual([]);
    expect(body.data.length, list).toBeGreaterThan(0);
  }
  const counts = await (await nord.get('/api/v1/cohorts')).json();
  const [nordPatients] = await sql`select count(*)::int as n from patient p join site s on s.id = p.site_id join cohort c on c.id = p.cohort_id
    where s.code = 'NORD' and c.code = 'DEMO-JAKI' and p.voided_at is null`;
  expect(counts.data.find((c: { code: string }) => c.code === 'DEMO-JAKI').patients).toBe(nordPatients!.n);
});

test('a create retried with the same Idempotency-Key makes one record; a stale version is 409, a missing reason 422 at #/reason, bad fields 422 by pointer, bad JSON 400', async () => {
  const writer = await script(await makeToken('clinician', ['read', 'write']));
  // The ids a new patient takes, as a script finds them: the caller's sites and the cohorts.
  const sites = (await (await writer.get('/api/v1/sites')).json()).data as { id: string; code: string }[];
  expect(sites.map((s) => s.code)).toEqual(['NORD']);
  const site = sites[0];
  const cohort = ((await (await writer.get('/api/v1/cohorts')).json()).data as { id: string; code: string }[]).find((c) => c.code === 'DEMO-JAKI');
  const code = `API-${Date.now().toString(36).toUpperCase()}`;
  const body = { code, siteId: site!.id, cohortId: cohort!.id, sex: 'F', birthYear: 1972, jakiDrug: 'baricitinib', jakiDoseMgDay: 4, jakiStartDate: '2025-01-15', antibodies: ['mda5'] };
  const key = crypto.randomUUID();
  const first = await writer.post('/api/v1/patients', { data: body, headers: { 'idempotency-key': key } });
  expect(first.status()).toBe(201);
  const made = await first.json();
  expect(made).toMatchObject({ code, siteCode: 'NORD', cohortCode: 'DEMO-JAKI', version: 1, antibodies: ['mda5'], ild: null, jakiStartDate: '2025-01-15' });
  expect(first.headers().location).toBe(`/api/v1/patients/${made.id}`);
  const again = await writer.post('/api/v1/patients', { data: body, headers: { 'idempotency-key': key } });
  expect(again.status()).toBe(201);
  expect((await again.json()).id).toBe(made.id);
  expect((await sql`select count(*)::int as n from patient where code = ${code}`)[0]!.n).toBe(1);
  const [via] = await sql`select via_token from audit_log where entity = 'patient' and entity_id = ${made.id} and action = 'create'`;
  expect(via?.via_token).toContain('api spec clinician');

  const before = await snapshot(sql);
  const badKey = await writer.post('/api/v1/patients', { data: { ...body, code: `${code}X` }, headers: { 'idempotency-key': 'twice' } });
  expect(badKey.status()).toBe(400);
  const malformed = await writer.post('/api/v1/patients', { data: Buffer.from('{"code": "A'), headers: { 'content-type': 'application/json' } });
  expect(malformed.status()).toBe(400);
  expect((await problemOf(malformed)).detail).toBe('The body is not valid JSON. Nothing was saved.');
  const invalid = await writer.post('/api/v1/patients', { data: { ...body, code: `${code}Y`, birthYear: 1850, jakiStartDate: 'soon' } });
  expect(invalid.status()).toBe(422);
  expect((await problemOf(invalid)).errors?.map((e) => e.pointer).sort()).toEqual(['#/birthYear', '#/jakiStartDate']);

  const stale = await writer.patch(`/api/v1/patients/${made.id}`, { data: { version: 7, reason: 'Dose corrected', jakiDoseMgDay: 2 } });
  expect(stale.status()).toBe(409);
  await problemOf(stale);
  const noReason = await writer.patch(`/api/v1/patients/${made.id}`, { data: { version: 1, jakiDoseMgDay: 2 } });
  expect(noReason.status()).toBe(422);
  const problem = await problemOf(noReason);
  expect(problem.errors?.map((e) => e.pointer)).toEqual(['#/reason']);
  expect(problem.errors?.[0]?.detail).toMatch(/reason/i);
  expect(await snapshot(sql)).toEqual(before);

  // The fields not sent keep their values; the version goes up by one.
  const patched = await writer.patch(`/api/v1/patients/${made.id}`, { data: { version: 1, reason: 'Dose corrected from the letter', jakiDoseMgDay: 2 } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ id: made.id, version: 2, jakiDoseMgDay: 2, antibodies: ['mda5'], code });
  const [audit] = await sql`select reason from audit_log where entity = 'patient' and entity_id = ${made.id} and action = 'update'`;
  expect(audit?.reason).toBe('Dose corrected from the letter');

  // A visit, an adverse event and a relapse under the new patient, each retried once.
  for (const [path, record] of [
    ['/api/v1/visits', { visitDate: '2025-01-15', visitType: 'baseline', cdasiActivity: 20, mmt8: 130, jakiDoseMgDay: 2 }],
    ['/api/v1/adverse-events', { term: 'Herpes zoster', category: 'herpes_zoster', onsetDate: '2025-02-01', ongoing: true, ctcaeGrade: 2 }],
    ['/api/v1/relapses', { relapseDate: '2025-02-10', domain: 'skin' }],
  ] as const) {
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const one = await writer.post(path, { data: { patientId: made.id, ...record }, headers });
    expect(one.status(), `${path}: ${await one.text()}`).toBe(201);
    const two = await writer.post(path, { data: { patientId: made.id, ...record }, headers });
    expect((await two.json()).id).toBe((await one.json()).id);
    const listed = await (await writer.get(`${path}?patientId=${made.id}`)).json();
    expect(listed.data.length, path).toBe(1);
  }
});

test('an update that sends one field changes that field only: the calculator items and every other value stay as saved', async () => {
  const writer = await script(await makeToken('clinician', ['read', 'write']));
  const [site] = await sql`select id from site where code = 'NORD'`;
  const [cohort] = await sql`select id from cohort where code = 'DEMO-JAKI'`;
  const code = `APIKEEP-${Date.now().toString(36).toUpperCase()}`;
  const made = await writer.post('/api/v1/patients', {
    data: { code, siteId: site!.id, cohortId: cohort!.id, sex: 'M', birthYear: 1966, jakiDrug: 'tofacitinib', jakiDoseMgDay: 10, jakiStartDate: '2025-03-01' },
  });
  expect(made.status(), await made.text()).toBe(201);
  const patientId = (await made.json()).id as string;

  // A baseline with both calculators' items, as the visit form sends them.
  const location = { erythema: 1, scale: 1, erosion: 0, poikiloderma: 1, calcinosis: 0 };
  const cdasiItems = {
    locations: Object.fromEntries(CDASI_LOCATIONS.map(({ key }) => [key, location])),
    gottronHands: { erythema: 1, papules: true, ulceration: 0, damage: 1 },
    periungual: 1,
    hairLoss: 0,
  } as CdasiItems;
  const side = Object.fromEntries(MMT8_BILATERAL.map(({ key }, i) => [key, i % 2 ? 9 : 8]));
  const mmt8Items = { neckFlexors: 7, right: side, left: side } as Mmt8Items;
  const { activity, damage } = cdasiScores(cdasiItems);
  const visit = await writer.post('/api/v1/visits', {
    data: { patientId, visitDate: '2025-03-01', visitType: 'baseline', cdasiItems, cdasiActivity: activity, cdasiDamage: damage, mmt8Items, mmt8: mmt8Total(mmt8Items), jakiDoseMgDay: 10 },
  });
  expect(visit.status(), await visit.text()).toBe(201);
  const saved = await visit.json();

  const patched = await writer.patch(`/api/v1/visits/${saved.id}`, { data: { version: saved.version, reason: 'Physician global from the clinic letter', physicianGlobal: 4 } });
  expect(patched.status(), await patched.text()).toBe(200);
  const after = await patched.json();
  const { physicianGlobal, version, updatedAt: _updatedAt, ...kept } = after;
  const { physicianGlobal: wasGlobal, version: wasVersion, updatedAt: _wasUpdatedAt, ...keptBefore } = saved;
  expect([wasGlobal, physicianGlobal, version]).toEqual([null, 4, wasVersion + 1]);
  expect(kept).toEqual(keptBefore);
  expect(kept.mmt8Items).toEqual(mmt8Items);
  expect(kept.cdasiItems).toEqual(cdasiItems);

  // The audit entry says the same: one clinical value changed.
  const [entry] = await sql`select before, after from audit_log where entity = 'visit' and entity_id = ${saved.id} and action = 'update'`;
  const changed = Object.keys(entry!.after).filter((k) => JSON.stringify(entry!.after[k]) !== JSON.stringify(entry!.before[k]));
  expect(changed.filter((k) => !/^(version|updated_?at|updated_?by)$/i.test(k))).toEqual([expect.stringMatching(/^physician_?global$/i)]);
});

test('pages walk every visit exactly once, the same set as limit=all; a bad query is 400', async () => {
  const coordinator = await script(await makeToken('coordinator', ['read']));
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: APIResponse = await coordinator.get(`/api/v1/visits?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(page.data.length).toBeLessThanOrEqual(7);
    seen.push(...page.data.map((v) => v.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 1000);
  expect(new Set(seen).size).toBe(seen.length);
  const inScope = await sql`select v.id from visit v join patient p on p.id = v.patient_id join site s on s.id = p.site_id
    where s.code in ('NORD', 'SUD') and v.voided_at is null and p.voided_at is null`;
  expect([...seen].sort()).toEqual(inScope.map((r) => r.id as string).sort());
  const all = await coordinator.get('/api/v1/visits?limit=all');
  expect(all.headers()['content-type']).toContain('application/json');
  const whole = await all.json();
  expect(whole.nextCursor).toBeNull();
  expect(whole.data.map((v: { id: string }) => v.id)).toEqual(seen);

  for (const query of ['limit=0', 'limit=5000', 'cursor=abc', 'from=yesterday', 'patientId=12', 'colour=blue']) {
    const res = await coordinator.get(`/api/v1/visits?${query}`);
    expect(res.status(), query).toBe(400);
    const problem = await problemOf(res);
    expect(problem.detail).toMatch(/^A query parameter is not valid: /);
    expect(problem.errors?.[0]?.pointer, query).toBe(`#/${query.split('=')[0]}`);
  }
});
