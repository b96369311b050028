import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  ACTIONS,
  API_ROUTES,
  PAGES,
  PARAMS,
  ROLE_KEYS,
  SITES,
  USERS,
  sitesOf,
  type ApiOutcome,
  type PageOutcome,
  type RoleKey,
  type SiteCode,
} from './access-matrix';
import {
  BASE,
  buildActions,
  callAction,
  callFormAction,
  openDb,
  randomUuid,
  snapshot,
  type ActionReply,
  type Snapshot,
  type Sql,
} from './http';
import { newSession } from './sessions';

// The access matrix (e2e/access-matrix.ts), walked over HTTP for every role: every page, every
// API route and every server action, with records of the role's own sites, of other sites,
// malformed ids and random uuids. Refused writes must leave the database as it was.

test.describe.configure({ mode: 'serial' });

// ---------------------------------------------------------------------------------------------
// What the app has: routes from the filesystem, actions from the build.

const APP_DIR = path.join(process.cwd(), 'app');

/** `app/(app)/patients/[patientId]/page.tsx` → `/patients/[patientId]`; route groups dropped. */
function discoverRoutes(): { pages: string[]; apis: string[] } {
  const pages: string[] = [];
  const apis: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith('_')) continue; // private folders are not routes
        if (name.startsWith('@')) walk(path.join(dir, name), segments); // parallel-route slots
        else if (/^\(.*\)$/.test(name)) walk(path.join(dir, name), segments); // route groups
        else walk(path.join(dir, name), [...segments, name]);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        pages.push(`/${segments.join('/')}`);
      } else if (/^route\.(ts|js|tsx|jsx)$/.test(entry.name)) {
        apis.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(APP_DIR, []);
  return { pages: [...new Set(pages)].sort(), apis: [...new Set(apis)].sort() };
}

function difference(have: Iterable<string>, listed: Iterable<string>) {
  const listedSet = new Set(listed);
  const haveSet = new Set(have);
  return { missing: [...haveSet].filter((x) => !listedSet.has(x)), stale: [...listedSet].filter((x) => !haveSet.has(x)) };
}

test('the matrix names every page, API route and server action, and nothing that is gone', () => {
  const { pages, apis } = discoverRoutes();
  const actions = [...buildActions().keys()];
  const problems: string[] = [];
  const report = (what: string, have: string[], listed: string[]) => {
    const { missing, stale } = difference(have, listed);
    for (const m of missing) problems.push(`${what} ${m} has no entry in e2e/access-matrix.ts`);
    for (const s of stale) problems.push(`${what} ${s} is in e2e/access-matrix.ts but no longer exists`);
  };
  report('page', pages, Object.keys(PAGES));
  report('API route', apis, Object.keys(API_ROUTES));
  report('server action', actions, Object.keys(ACTIONS));
  for (const key of Object.keys(ACTIONS)) if (!(key in ACTION_CALLS)) problems.push(`server action ${key} has no call in e2e/access-matrix.spec.ts`);
  for (const pattern of [...pages, ...apis])
    for (const param of paramsOf(pattern)) if (!(param in PARAMS)) problems.push(`route ${pattern}: parameter [${param}] has no entry in PARAMS`);
  expect(problems, problems.join('\n')).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Fixtures: one patient with a follow-up visit and an adverse event at each site (EST is made
// here, by an admin's import: the coordinator and the auditor work at NORD and SUD only).

type Rec = {
  siteCode: SiteCode;
  siteId: string;
  cohortId: string;
  patientId: string;
  patientCode: string;
  patientVersion: number;
  visitId: string;
  visitVersion: number;
  visitDate: string;
  visitType: string;
  eventId: string;
  eventVersion: number;
  onsetDate: string;
  /** A date a new follow-up may take. */
  freeDate: string;
  userId: string;
};

/** Where a target sits: a site; `any` = every role's scope; `none` = nobody's (bad or missing id). */
type Scope = SiteCode | 'any' | 'none';
type Target = { label: string; scope: Scope; rec: Rec };

const EST_FILES = {
  patients: {
    name: 'patients.csv',
    text:
      'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,jaki_stop_date,jaki_stop_reason,death_date,death_cause\n' +
      'EST-001,EST,E2E-EST,F,1968,2020-02-01,classic,tif1g,methotrexate,no,baricitinib,4,2024-01-15,,,,\n',
  },
  visits: {
    name: 'visits.csv',
    text:
      'patient_code,visit_date,visit_type,cdasi_activity,cdasi_damage,mmt8,prednisone_mg_day,ivig,active_cutaneous,active_muscle,jaki_dose_mg_day\n' +
      'EST-001,2024-01-10,baseline,28,4,118,20,none,yes,yes,4\n' +
      'EST-001,2024-04-12,follow_up,12,4,128,10,none,yes,no,4\n',
  },
  adverseEvents: {
    name: 'adverse_events.csv',
    text:
      'patient_code,onset_date,term,category,ctcae_grade,serious,related,action,outcome,end_date\n' +
      'EST-001,2024-03-01,Herpes zoster (access check),herpes_zoster,2,no,possible,none,recovered,2024-03-20\n',
  },
};

let sql: Sql;
const sessions = new Map<RoleKey, APIRequestContext>();
const actionIds = new Map<string, string>();
const fixtures = {} as Record<SiteCode, Rec>;
let otherNordPatientId = '';
let clinicianUserId = '';
const siteIds = new Map<SiteCode, string>();
/** Records (patient ids and codes, visit and event ids) by site, for the leak check. */
const recordsBySite = new Map<string, Set<string>>();

function actionId(key: string): string {
  const id = actionIds.get(key);
  if (!id) throw new Error(`server action ${key} is not in the build`);
  return id;
}

async function loadRec(site: SiteCode): Promise<Rec> {
  const [row] = await sql<
    {
      site_id: string;
      cohort_id: string;
      patient_id: string;
      code: string;
      patient_version: number;
      visit_id: string;
      visit_version: number;
      visit_date: string;
      visit_type: string;
      event_id: string;
      event_version: number;
      onset_date: string;
      baseline: string;
      jaki_start: string;
    }[]
  >`
    select s.id as site_id, p.cohort_id, p.id as patient_id, p.code, p.version as patient_version,
           v.id as visit_id, v.version as visit_version, v.visit_date::text as visit_date, v.visit_type,
           a.id as event_id, a.version as event_version, a.onset_date::text as onset_date,
           b.visit_date::text as baseline, p.jaki_start_date::text as jaki_start
    from patient p
    join site s on s.id = p.site_id
    join visit b on b.patient_id = p.id and b.visit_type = 'baseline' and b.voided_at is null
    join lateral (select * from visit where patient_id = p.id and voided_at is null and visit_type = 'follow_up'
                  order by visit_date desc limit 1) v on true
    join lateral (select * from adverse_event where patient_id = p.id and voided_at is null order by onset_date limit 1) a on true
    where s.code = ${site} and p.voided_at is null and p.death_date is null
    order by p.code limit 1`;
  if (!row) throw new Error(`no ${site} patient with a follow-up and an adverse event`);
  const taken = new Set((await sql<{ d: string }[]>`select visit_date::text as d from visit where patient_id = ${row.patient_id}`).map((r) => r.d));
  let day = new Date(`${row.baseline > row.jaki_start ? row.baseline : row.jaki_start}T00:00:00Z`);
  do day = new Date(day.getTime() + 86_400_000);
  while (taken.has(day.toISOString().slice(0, 10)));
  return {
    siteCode: site,
    siteId: row.site_id,
    cohortId: row.cohort_id,
    patientId: row.patient_id,
    patientCode: row.code,
    patientVersion: row.patient_version,
    visitId: row.visit_id,
    visitVersion: row.visit_version,
    visitDate: row.visit_date,
    visitType: row.visit_type,
    eventId: row.event_id,
    eventVersion: row.event_version,
    onsetDate: row.onset_date,
    freeDate: day.toISOString().slice(0, 10),
    userId: clinicianUserId,
  };
}

test.beforeAll(async ({ playwright }) => {
  sql = openDb();
  for (const [key, id] of buildActions()) actionIds.set(key, id);
  sessions.set('anon', await newSession(playwright.request));
  for (const role of Object.keys(USERS) as (keyof typeof USERS)[]) sessions.set(role, await newSession(playwright.request, role));

  // An admin's import brings the third site: the first allowed call of import/actions.ts.
  if (!(await sql`select 1 from site where code = 'EST'`).length) {
    const before = await snapshot(sql);
    const imported = await callFormAction(sessions.get('admin')!, actionId('app/(app)/import/actions.ts#importCohortAction'), { status: 'idle' }, EST_FILES);
    expect(imported.result, imported.body.slice(0, 500)).toMatchObject({ status: 'imported' });
    const after = await snapshot(sql);
    expect([after.patients - before.patients, after.visits - before.visits, after.adverse_events - before.adverse_events]).toEqual([1, 2, 1]);
  }

  for (const row of await sql<{ id: string; code: string }[]>`select id, code from site`) siteIds.set(row.code as SiteCode, row.id);
  clinicianUserId = (await sql<{ id: string }[]>`select id from "user" where email = ${USERS.clinician.email}`)[0]!.id;
  for (const site of SITES) fixtures[site] = await loadRec(site);
  otherNordPatientId = (
    await sql<{ id: string }[]>`
      select p.id from patient p join site s on s.id = p.site_id
      where s.code = 'NORD' and p.id <> ${fixtures.NORD.patientId} and p.voided_at is null order by p.code limit 1`
  )[0]!.id;

  const rows = await sql<{ site: string; id: string; code: string | null }[]>`
    select s.code as site, p.id::text as id, p.code from patient p join site s on s.id = p.site_id
    union all select s.code, v.id::text, null from visit v join patient p on p.id = v.patient_id join site s on s.id = p.site_id
    union all select s.code, a.id::text, null from adverse_event a join patient p on p.id = a.patient_id join site s on s.id = p.site_id`;
  for (const r of rows) {
    const set = recordsBySite.get(r.site) ?? new Set<string>();
    set.add(r.id);
    if (r.code) set.add(r.code);
    recordsBySite.set(r.site, set);
  }
});

test.afterAll(async () => {
  for (const context of sessions.values()) await context.dispose();
  await sql?.end();
});

// ---------------------------------------------------------------------------------------------
// Routes with their parameters filled in.

function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
}

function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? `missing-${name}`));
}

type Variant = { label: string; scope: Scope; values: Record<string, string> };

function recordValues(rec: Rec): Record<string, string> {
  return { patientId: rec.patientId, visitId: rec.visitId, eventId: rec.eventId };
}

/** Each record-keyed route once per site, with a malformed id, a random uuid, and a child under the wrong patient. */
function variants(pattern: string): Variant[] {
  const kinds = new Set(paramsOf(pattern).map((p) => PARAMS[p as keyof typeof PARAMS]));
  if (kinds.size === 0) return [{ label: 'no parameters', scope: 'any', values: {} }];
  const out: Variant[] = [];
  if (kinds.has('patient') || kinds.has('visit') || kinds.has('adverseEvent')) {
    for (const site of SITES) out.push({ label: `${site} record`, scope: site, values: recordValues(fixtures[site]) });
    out.push({ label: 'malformed id', scope: 'none', values: { patientId: 'not-a-uuid', visitId: 'not-a-uuid', eventId: '1 or 1=1' } });
    out.push({ label: 'random uuid', scope: 'none', values: { patientId: randomUuid(), visitId: randomUuid(), eventId: randomUuid() } });
    if (kinds.has('patient') && (kinds.has('visit') || kinds.has('adverseEvent'))) {
      out.push({ label: "NORD child under another NORD patient", scope: 'none', values: { ...recordValues(fixtures.NORD), patientId: otherNordPatientId } });
      out.push({ label: 'NORD child under a SUD patient', scope: 'none', values: { ...recordValues(fixtures.NORD), patientId: fixtures.SUD.patientId } });
    }
  }
  if (kinds.has('user')) {
    out.push({ label: 'existing user', scope: 'any', values: { userId: clinicianUserId } });
    out.push({ label: 'malformed user id', scope: 'none', values: { userId: 'not-a-user' } });
    out.push({ label: 'random user uuid', scope: 'none', values: { userId: randomUuid() } });
  }
  if (kinds.has('cohort')) {
    // Cohorts are shared by every site (the cohorts page lists them all); a report shows only
    // the reader's sites' patients, which the leak check holds it to.
    out.push({ label: 'cohort with NORD and SUD patients', scope: 'any', values: { code: 'DEMO-JAKI' } });
    out.push({ label: 'cohort with EST patients only', scope: 'any', values: { code: 'E2E-EST' } });
    out.push({ label: 'unknown cohort', scope: 'none', values: { code: 'NO-SUCH-COHORT' } });
    out.push({ label: 'malformed cohort code', scope: 'none', values: { code: `x'";--<b>` } });
  }
  return out;
}

function inScope(role: RoleKey, scope: Scope): boolean {
  if (scope === 'any') return true;
  if (scope === 'none') return false;
  return sitesOf(role).includes(scope);
}

/** Ids and codes of records at sites the role does not work at: never in an answer. */
function leaked(role: RoleKey, body: string, requestPath: string): string[] {
  const mine = new Set<string>(sitesOf(role));
  const text = body.replaceAll('e.g. NRD-004', ''); // the patient search's placeholder
  const found = new Set([
    ...(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []),
    ...(text.match(/\b[A-Z]{3}-\d{3}\b/g) ?? []),
  ]);
  const out: string[] = [];
  for (const [site, records] of recordsBySite) {
    if (mine.has(site)) continue;
    for (const token of found) if (records.has(token) && !requestPath.includes(token)) out.push(`${site} record ${token}`);
  }
  return out;
}

function describeAnswer(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400) {
    const where = location ? new URL(location, BASE).pathname : '?';
    return where === '/login' ? 'login' : `redirect:${where}`;
  }
  if (status === 200) return 'ok';
  if (status === 404) return 'notFound';
  if (status === 401) return 'unauthorized';
  return `status ${status}`;
}

test('every page answers each role as the matrix says, and shows no other site’s records', async () => {
  const before = await snapshot(sql);
  const failures: string[] = [];
  let checked = 0;
  await Promise.all(
    ROLE_KEYS.map(async (role) => {
      const context = sessions.get(role)!;
      for (const [pattern, perRole] of Object.entries(PAGES)) {
        for (const variant of variants(pattern)) {
          const base: PageOutcome = perRole[role];
          const expected = base === 'ok' && !inScope(role, variant.scope) ? 'notFound' : base;
          const url = fill(pattern, variant.values);
          const res = await context.get(url, { maxRedirects: 0 });
          const got = describeAnswer(res.status(), res.headers().location);
          checked++;
          if (got !== expected) failures.push(`${role} GET ${url} (${pattern}, ${variant.label}): expected ${expected}, got ${got}`);
          const leaks = leaked(role, await res.text(), url);
          if (leaks.length) failures.push(`${role} GET ${url} (${pattern}, ${variant.label}) shows ${leaks.join(', ')}`);
        }
      }
    }),
  );
  expect(failures, failures.join('\n')).toEqual([]);
  expect(checked).toBeGreaterThan(300);
  expect(await snapshot(sql), 'reading pages wrote to the database').toEqual(before);
});

test('every API route answers each role as the matrix says, and a refused one writes nothing', async () => {
  const failures: string[] = [];
  for (const role of ROLE_KEYS) {
    const context = sessions.get(role)!;
    for (const [pattern, entry] of Object.entries(API_ROUTES)) {
      const list = entry.probe ? [{ label: entry.probe, scope: 'any' as Scope, values: {} }] : variants(pattern);
      for (const variant of list) {
        const base: ApiOutcome = entry.expect[role];
        const expected = base === 'ok' && !inScope(role, variant.scope) ? 'notFound' : base;
        const url = entry.probe ?? `${fill(pattern, variant.values)}${entry.query ? `?${entry.query}` : ''}`;
        const before = await snapshot(sql);
        const res = await context.get(url, { maxRedirects: 0 });
        const got = describeAnswer(res.status(), res.headers().location);
        if (got !== expected) failures.push(`${role} GET ${url} (${variant.label}): expected ${expected}, got ${got}`);
        const leaks = leaked(role, await res.text(), url);
        if (leaks.length) failures.push(`${role} GET ${url} (${variant.label}) shows ${leaks.join(', ')}`);
        if (expected !== 'ok') {
          const after = await snapshot(sql);
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${role} GET ${url} (${variant.label}) was refused but wrote to the database`);
        }
      }
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Server actions: how to call each one on a target record.

const REASON = 'access matrix check';
let serial = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}${(serial++).toString(36).toUpperCase()}`;

function patientValues(code: string, siteId: string, cohortId: string) {
  return {
    code,
    siteId,
    cohortId,
    sex: 'F',
    birthYear: '1970',
    diagnosisDate: '2022-06-01',
    dmSubtype: 'classic',
    antibodies: ['tif1g'],
    previousTreatments: ['methotrexate'],
    ild: 'no',
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: '4',
    jakiStartDate: '2024-01-15',
  };
}

/** The site a caller would name for a record: the record's, or their own when it is not theirs. */
function callerSiteId(role: RoleKey, rec: Rec): string {
  const mine = sitesOf(role);
  if (role === 'anon' || mine.includes(rec.siteCode)) return rec.siteId;
  return siteIds.get(mine[0]!)!;
}

function importFiles(siteCode: string) {
  const code = fresh('AXM');
  return {
    code,
    files: {
      patients: {
        name: 'patients.csv',
        text:
          'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,jaki_stop_date,jaki_stop_reason,death_date,death_cause\n' +
          `${code},${siteCode},DEMO-JAKI,M,1975,2021-02-01,classic,mda5,methotrexate,no,tofacitinib,10,2024-02-01,,,,\n`,
      },
    },
  };
}

type TargetKind = 'patient' | 'visit' | 'adverseEvent' | 'site' | 'user' | 'none';
type ActionCall = {
  kind: TargetKind;
  call: (context: APIRequestContext, id: string, rec: Rec, role: RoleKey) => Promise<ActionReply>;
};

const ACTION_CALLS: Record<string, ActionCall> = {
  'app/(app)/actions.ts#signOut': { kind: 'none', call: (c, id) => callAction(c, id, []) },
  'app/(auth)/login/actions.ts#signIn': {
    kind: 'none',
    call: (c, id) => callAction(c, id, [{ email: USERS.clinician.email, password: 'demo-password' }], { page: '/login' }),
  },
  'app/(app)/patients/actions.ts#createPatientAction': {
    kind: 'site',
    call: (c, id, rec) => callAction(c, id, [patientValues(fresh('AXM'), rec.siteId, rec.cohortId)]),
  },
  'app/(app)/patients/actions.ts#updatePatientAction': {
    kind: 'patient',
    call: (c, id, rec, role) =>
      callAction(c, id, [rec.patientId, { ...patientValues(rec.patientCode, callerSiteId(role, rec), rec.cohortId), reason: REASON, version: rec.patientVersion }]),
  },
  'app/(app)/patients/actions.ts#voidPatientAction': {
    kind: 'patient',
    call: (c, id, rec) => callAction(c, id, [rec.patientId, { reason: REASON, version: rec.patientVersion }]),
  },
  'app/(app)/patients/[patientId]/visits/actions.ts#createVisitAction': {
    kind: 'patient',
    call: (c, id, rec) =>
      callAction(c, id, [rec.patientId, { visitDate: rec.freeDate, visitType: 'follow_up', cdasiActivity: '12', mmt8: '130', prednisoneMgDay: '5' }]),
  },
  'app/(app)/patients/[patientId]/visits/actions.ts#updateVisitAction': {
    kind: 'visit',
    call: (c, id, rec) =>
      callAction(c, id, [
        rec.visitId,
        { visitDate: rec.visitDate, visitType: rec.visitType, cdasiActivity: '11', mmt8: '131', prednisoneMgDay: '5', reason: REASON, version: rec.visitVersion },
      ]),
  },
  'app/(app)/patients/[patientId]/visits/actions.ts#voidVisitAction': {
    kind: 'visit',
    call: (c, id, rec) => callAction(c, id, [rec.visitId, { reason: REASON, version: rec.visitVersion }]),
  },
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#createAdverseEventAction': {
    kind: 'patient',
    call: (c, id, rec) =>
      callAction(c, id, [rec.patientId, { term: 'Access check event', category: 'other', onsetDate: rec.onsetDate, ongoing: true, ctcaeGrade: '1' }]),
  },
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#updateAdverseEventAction': {
    kind: 'adverseEvent',
    call: (c, id, rec) =>
      callAction(c, id, [
        rec.eventId,
        { term: 'Access check event, edited', category: 'other', onsetDate: rec.onsetDate, ongoing: true, ctcaeGrade: '1', reason: REASON, version: rec.eventVersion },
      ]),
  },
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#voidAdverseEventAction': {
    kind: 'adverseEvent',
    call: (c, id, rec) => callAction(c, id, [rec.eventId, { reason: REASON, version: rec.eventVersion }]),
  },
  'app/(app)/adverse-events/[eventId]/actions.ts#reviewAdverseEventAction': {
    kind: 'adverseEvent',
    call: (c, id, rec) => callAction(c, id, [rec.eventId, { comment: 'Access check review', version: rec.eventVersion }]),
  },
  'app/(app)/import/actions.ts#importCohortAction': {
    kind: 'site',
    call: (c, id, rec) => callFormAction(c, id, { status: 'idle' }, importFiles(rec.siteCode).files),
  },
  'app/(app)/admin/users/actions.ts#createUserAction': {
    kind: 'site',
    call: (c, id, rec) =>
      callAction(c, id, [{ name: 'Access Check', email: `${fresh('axm').toLowerCase()}@demo.test`, role: 'clinician', password: 'access-check-password', siteIds: [rec.siteId] }]),
  },
  'app/(app)/admin/users/actions.ts#updateUserAccessAction': {
    kind: 'user',
    call: (c, id, rec) => callAction(c, id, [rec.userId, { role: 'clinician', siteIds: [siteIds.get('NORD')!], active: true }]),
  },
};

function targets(kind: TargetKind): Target[] {
  const bad = (label: string, value: string): Target => ({
    label,
    scope: 'none',
    rec: { ...fixtures.NORD, patientId: value, visitId: value, eventId: value, userId: value },
  });
  const perSite = SITES.map((site): Target => ({ label: `${site} record`, scope: site, rec: fixtures[site] }));
  switch (kind) {
    case 'patient':
    case 'visit':
    case 'adverseEvent':
      return [...perSite, bad('malformed id', 'not-a-uuid'), bad('random uuid', randomUuid())];
    case 'site':
      return SITES.map((site): Target => ({ label: `site ${site}`, scope: site, rec: fixtures[site] }));
    case 'user':
      return [{ label: 'existing user', scope: 'any', rec: fixtures.NORD }, bad('malformed user id', 'not-a-user'), bad('random user uuid', randomUuid())];
    case 'none':
      return [{ label: 'no record', scope: 'any', rec: fixtures.NORD }];
  }
}

type Refusal = { ok?: boolean; message?: string; fieldErrors?: Record<string, string>; status?: string; problems?: string[] };

test('every server action refuses what the role may not touch, and writes nothing', async () => {
  const failures: string[] = [];
  let refused = 0;
  for (const [key, perRole] of Object.entries(ACTIONS)) {
    const spec = ACTION_CALLS[key];
    if (!spec) continue; // reported by the completeness test
    const id = actionId(key);
    for (const role of ROLE_KEYS) {
      const outcome = perRole[role];
      if (outcome === 'public') continue;
      for (const target of targets(spec.kind)) {
        const roleDenied = outcome === 'denied';
        if (!roleDenied && inScope(role, target.scope)) continue; // allowed: the positive test below
        const what = `${role} ${key.split('#')[1]} on ${target.label}`;
        const before = await snapshot(sql);
        const reply = await spec.call(sessions.get(role)!, id, target.rec, role);
        const after = await snapshot(sql);
        refused++;
        if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${what}: WROTE to the database (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
        const result = reply.result as Refusal | undefined;
        if (reply.status !== 200 || !result) {
          failures.push(`${what}: expected the action's refusal, got HTTP ${reply.status} ${reply.redirect ?? JSON.stringify(reply.error ?? '')}`);
          continue;
        }
        const isImport = key.endsWith('#importCohortAction');
        const isRefusal = isImport ? result.status === 'error' || result.status === 'refused' : result.ok === false;
        if (!isRefusal) {
          failures.push(`${what}: not refused: ${JSON.stringify(result)}`);
          continue;
        }
        const text = `${result.message ?? ''} ${(result.problems ?? []).join(' ')} ${JSON.stringify(result.fieldErrors ?? {})}`;
        if (roleDenied) {
          // Refused for who is asking, before the payload is looked at.
          if (isImport ? result.status !== 'error' : Boolean(result.fieldErrors)) failures.push(`${what}: refused for its payload, not its role: ${text}`);
        } else if (spec.kind === 'site') {
          if (!/one of your sites|cannot import patients of site/i.test(text)) failures.push(`${what}: expected a refusal of the site, got ${text}`);
        } else if (!/not found/i.test(text)) {
          failures.push(`${what}: expected not-found, got ${text}`);
        }
      }
    }
  }
  expect(failures, failures.join('\n')).toEqual([]);
  expect(refused).toBeGreaterThan(100);
});

test('an import naming another site’s patient answers as for an unknown patient', async () => {
  // The coordinator works at NORD and SUD; EST-001 is at EST.
  const coordinator = sessions.get('coordinator')!;
  const id = actionId('app/(app)/import/actions.ts#importCohortAction');
  const visitsFor = (code: string) => ({
    visits: {
      name: 'visits.csv',
      text: `patient_code,visit_date,visit_type,cdasi_activity,cdasi_damage,mmt8,prednisone_mg_day,ivig,active_cutaneous,active_muscle,jaki_dose_mg_day\n${code},2024-09-01,follow_up,10,4,130,5,none,no,no,4\n`,
    },
  });
  const before = await snapshot(sql);
  const other = await callFormAction(coordinator, id, { status: 'idle' }, { ...importFiles('NORD').files, ...visitsFor('EST-001') });
  const unknown = await callFormAction(coordinator, id, { status: 'idle' }, { ...importFiles('NORD').files, ...visitsFor('NOPE-999') });
  expect(await snapshot(sql)).toEqual(before);
  const problems = (reply: ActionReply) => ((reply.result as Refusal).problems ?? []).filter((p) => p.startsWith('visits.csv'));
  expect(other.result).toMatchObject({ status: 'refused' });
  expect(problems(other).map((p) => p.replace('EST-001', 'CODE'))).toEqual(problems(unknown).map((p) => p.replace('NOPE-999', 'CODE')));
  expect(problems(other).join(' ')).not.toContain('EST is');
});

// ---------------------------------------------------------------------------------------------
// The allowed calls really work (so that a refusal above means something): one walk through a
// record's life by a NORD clinician, the auditor's review, the admin's user pages, an import.

function expectOk(reply: ActionReply, what: string): string {
  const result = reply.result as { ok?: boolean; id?: string } | undefined;
  expect(result, `${what}: ${reply.status} ${JSON.stringify(reply.result ?? reply.error ?? reply.redirect)}`).toMatchObject({ ok: true });
  return result!.id!;
}

test('the allowed role’s call of every action works on its own site’s records', async () => {
  const clinician = sessions.get('clinician')!;
  const run = (key: string, rec: Rec, role: RoleKey = 'clinician', context = clinician) =>
    ACTION_CALLS[key]!.call(context, actionId(key), rec, role);
  const nord = fixtures.NORD;
  const start = await snapshot(sql);

  const code = fresh('AXM');
  const patientId = expectOk(await callAction(clinician, actionId('app/(app)/patients/actions.ts#createPatientAction'), [patientValues(code, nord.siteId, nord.cohortId)]), 'create patient');
  const created = await snapshot(sql);
  expect(created.patients).toBe(start.patients + 1);
  expect(Number(created.audit_seq)).toBeGreaterThan(Number(start.audit_seq));
  expectOk(await run('app/(app)/patients/actions.ts#createPatientAction', nord), 'create patient through the matrix call');

  const baselineId = expectOk(
    await callAction(clinician, actionId('app/(app)/patients/[patientId]/visits/actions.ts#createVisitAction'), [
      patientId,
      { visitDate: '2024-01-15', visitType: 'baseline', cdasiActivity: '20', mmt8: '120' },
    ]),
    'create baseline',
  );
  let rec: Rec = { ...nord, patientId, patientCode: code, patientVersion: 1, freeDate: '2024-04-15', visitId: baselineId, visitVersion: 1, visitDate: '2024-01-15', visitType: 'baseline' };
  expectOk(await run('app/(app)/patients/actions.ts#updatePatientAction', rec), 'update patient');
  rec = { ...rec, patientVersion: 2 };
  const followUpId = expectOk(await run('app/(app)/patients/[patientId]/visits/actions.ts#createVisitAction', rec), 'create follow-up');
  rec = { ...rec, visitId: followUpId, visitDate: rec.freeDate, visitType: 'follow_up' };
  expectOk(await run('app/(app)/patients/[patientId]/visits/actions.ts#updateVisitAction', rec), 'update visit');
  rec = { ...rec, visitVersion: 2, onsetDate: '2024-02-01' };
  const eventId = expectOk(await run('app/(app)/patients/[patientId]/adverse-events/actions.ts#createAdverseEventAction', rec), 'create adverse event');
  rec = { ...rec, eventId };
  expectOk(await run('app/(app)/patients/[patientId]/adverse-events/actions.ts#updateAdverseEventAction', rec), 'update adverse event');
  rec = { ...rec, eventVersion: 2 };
  expectOk(await run('app/(app)/adverse-events/[eventId]/actions.ts#reviewAdverseEventAction', rec, 'auditor', sessions.get('auditor')!), 'review');
  rec = { ...rec, eventVersion: 3 };
  expectOk(await run('app/(app)/patients/[patientId]/adverse-events/actions.ts#voidAdverseEventAction', rec), 'void adverse event');
  expectOk(await run('app/(app)/patients/[patientId]/visits/actions.ts#voidVisitAction', rec), 'void visit');
  expectOk(await run('app/(app)/patients/actions.ts#voidPatientAction', rec), 'void patient');
  const [saved] = await sql<{ version: number; voided: boolean; visits: number; events: number }[]>`
    select p.version, p.voided_at is not null as voided,
           (select count(*) from visit where patient_id = p.id)::int as visits,
           (select count(*) from adverse_event where patient_id = p.id and reviewed_at is not null and voided_at is not null)::int as events
    from patient p where p.id = ${patientId}`;
  expect(saved).toEqual({ version: 3, voided: true, visits: 2, events: 1 });

  const admin = sessions.get('admin')!;
  const userId = expectOk(await run('app/(app)/admin/users/actions.ts#createUserAction', nord, 'admin', admin), 'create user');
  expectOk(await run('app/(app)/admin/users/actions.ts#updateUserAccessAction', { ...nord, userId }, 'admin', admin), 'update user access');
  expect((await sql`select 1 from user_site where user_id = ${userId}`).length).toBe(1);

  const before = await snapshot(sql);
  const imported = await run('app/(app)/import/actions.ts#importCohortAction', nord, 'coordinator', sessions.get('coordinator')!);
  expect(imported.result, imported.body.slice(0, 300)).toMatchObject({ status: 'imported' });
  expect((await snapshot(sql)).patients).toBe(before.patients + 1);
});

test('sign-in and sign-out through their actions', async ({ playwright }) => {
  const signInId = actionId('app/(auth)/login/actions.ts#signIn');
  const signOutId = actionId('app/(app)/actions.ts#signOut');
  const visitor = await newSession(playwright.request);
  const sessionsBefore = (await snapshot(sql)).sessions;
  const wrong = await callAction(visitor, signInId, [{ email: USERS.clinician.email, password: 'not-the-password' }], { page: '/login' });
  expect(wrong.result).toMatchObject({ ok: false });
  expect((await snapshot(sql)).sessions).toBe(sessionsBefore);

  const right = await ACTION_CALLS['app/(auth)/login/actions.ts#signIn']!.call(visitor, signInId, fixtures.NORD, 'anon');
  expect(right.redirect).toBe('/patients');
  expect((await (await visitor.get('/api/auth/get-session')).json())?.user?.email).toBe(USERS.clinician.email);

  // Signing out ends this session only.
  const out = await callAction(visitor, signOutId, []);
  expect(out.redirect).toBe('/login');
  expect(await (await visitor.get('/api/auth/get-session')).json()).toBeNull();
  expect((await (await sessions.get('clinician')!.get('/api/auth/get-session')).json())?.user?.email).toBe(USERS.clinician.email);
  await visitor.dispose();
});

test('better-auth’s own endpoints give no way to sign up or to change one’s role', async () => {
  const clinician = sessions.get('clinician')!;
  const before = await snapshot(sql);
  const signUp = await sessions.get('anon')!.post('/api/auth/sign-up/email', {
    headers: { origin: BASE },
    data: { email: 'intruder@demo.test', password: 'intruder-password', name: 'Intruder' },
  });
  expect(signUp.status()).toBeGreaterThanOrEqual(400);
  for (const data of [{ role: 'admin' }, { name: 'Claire Martin', role: 'admin' }, { deactivatedAt: null, role: 'admin' }]) {
    await clinician.post('/api/auth/update-user', { headers: { origin: BASE }, data });
    const [row] = await sql<{ role: string }[]>`select role from "user" where email = ${USERS.clinician.email}`;
    expect(row!.role).toBe('clinician');
  }
  const after = await snapshot(sql);
  expect({ ...after, audit_seq: before.audit_seq }).toEqual(before);
});
