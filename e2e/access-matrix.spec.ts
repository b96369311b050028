import { expect, test, type APIRequestContext } from '@playwright/test';
import { ACTIONS, API_ROUTES, PAGES, PARAMS, ROLE_KEYS, USERS, type ApiOutcome, type PageOutcome, type RoleKey } from './access-matrix';
import { actionCalls, fresh, importFiles, patientValues, targets, type ActionCall } from './access-matrix-calls';
import { describeAnswer, difference, discoverRoutes, fill, inScope, leaked, paramsOf, variants } from './access-matrix-routes';
import { EST_FILES, loadWorld, visitHash, type Rec, type Scope, type World } from './access-matrix-world';
import { BASE, buildActions, callAction, callFormAction, openDb, snapshot, type ActionReply, type Sql } from './http';
import { newSession } from './sessions';

// The access matrix (e2e/access-matrix.ts), walked over HTTP for every role: every page, every
// API route and every server action, with records of the role's own sites, of other sites,
// malformed ids and random uuids. Refused writes must leave the database as it was. The
// routes and their variants are in access-matrix-routes.ts, the records in
// access-matrix-world.ts, the actions' calls in access-matrix-calls.ts.

test.describe.configure({ mode: 'serial' });

let sql: Sql;
const sessions = new Map<RoleKey, APIRequestContext>();
const actionIds = new Map<string, string>();
let world: World;
let calls: Record<string, ActionCall>;

function actionId(key: string): string {
  const id = actionIds.get(key);
  if (!id) throw new Error(`server action ${key} is not in the build`);
  return id;
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
  world = await loadWorld(sql);
  calls = actionCalls(world);
});

test.afterAll(async () => {
  for (const context of sessions.values()) await context.dispose();
  await sql?.end();
});

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
  for (const key of Object.keys(ACTIONS)) if (!(key in calls)) problems.push(`server action ${key} has no call in e2e/access-matrix-calls.ts`);
  for (const pattern of [...pages, ...apis])
    for (const param of paramsOf(pattern)) if (!(param in PARAMS)) problems.push(`route ${pattern}: parameter [${param}] has no entry in PARAMS`);
  expect(problems, problems.join('\n')).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Pages and API routes.

test('every page answers each role as the matrix says, and shows no other site’s records', async () => {
  test.setTimeout(180_000); // some 400 server-rendered pages, on two cores
  const before = await snapshot(sql);
  const failures: string[] = [];
  let checked = 0;
  await Promise.all(
    ROLE_KEYS.map(async (role) => {
      const context = sessions.get(role)!;
      for (const [pattern, perRole] of Object.entries(PAGES)) {
        for (const variant of variants(pattern, world)) {
          const base: PageOutcome = perRole[role];
          const expected = base === 'ok' && !inScope(role, variant.scope) ? 'notFound' : base;
          const url = fill(pattern, variant.values);
          const res = await context.get(url, { maxRedirects: 0 });
          const got = describeAnswer(res.status(), res.headers().location);
          checked++;
          if (got !== expected) failures.push(`${role} GET ${url} (${pattern}, ${variant.label}): expected ${expected}, got ${got}`);
          const leaks = leaked(role, await res.text(), url, world);
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
      const list = entry.probe ? [{ label: entry.probe, scope: 'any' as Scope, values: {} }] : variants(pattern, world);
      for (const variant of list) {
        const base: ApiOutcome = entry.expect[role];
        const expected = base === 'ok' && !inScope(role, variant.scope) ? 'notFound' : base;
        const url = entry.probe ?? `${fill(pattern, variant.values)}${entry.query ? `?${entry.query}` : ''}`;
        const before = await snapshot(sql);
        const res = await context.get(url, { maxRedirects: 0 });
        const got = describeAnswer(res.status(), res.headers().location);
        if (got !== expected) failures.push(`${role} GET ${url} (${variant.label}): expected ${expected}, got ${got}`);
        const leaks = leaked(role, await res.text(), url, world);
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
// Server actions.

type Refusal = { ok?: boolean; message?: string; fieldErrors?: Record<string, string>; status?: string; problems?: string[] };

test('every server action refuses what the role may not touch, and writes nothing', async () => {
  test.setTimeout(180_000); // some 150 refused calls, each with two database snapshots
  const failures: string[] = [];
  let refused = 0;
  for (const [key, perRole] of Object.entries(ACTIONS)) {
    const spec = calls[key];
    if (!spec) continue; // reported by the completeness test
    const id = actionId(key);
    for (const role of ROLE_KEYS) {
      const outcome = perRole[role];
      if (outcome === 'public') continue;
      for (const target of targets(spec.kind, world)) {
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
    calls[key]!.call(context, actionId(key), rec, role);
  const nord = world.fixtures.NORD;
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
  expectOk(await run('app/(app)/patients/[patientId]/actions.ts#verifyRecordAction', rec, 'auditor', sessions.get('auditor')!), 'verify visit');
  expect((await sql`select 1 from source_verification where record_id = ${rec.visitId}`).length).toBe(1);
  const queryId = expectOk(await run('app/(app)/queries/actions.ts#raiseQueryAction', rec, 'auditor', sessions.get('auditor')!), 'raise query');
  rec = { ...rec, queryId };
  expectOk(await run('app/(app)/queries/actions.ts#answerQueryAction', rec), 'answer query');
  expectOk(await run('app/(app)/queries/actions.ts#reopenQueryAction', rec, 'auditor', sessions.get('auditor')!), 'send query back');
  expectOk(await run('app/(app)/queries/actions.ts#closeQueryAction', rec, 'auditor', sessions.get('auditor')!), 'close query');
  expect((await sql<{ step: string }[]>`select step from data_query_step where query_id = ${queryId} order by id`).map((s) => s.step)).toEqual(['raise', 'answer', 'reopen', 'close']);
  rec = { ...rec, visitHash: await visitHash(sql, rec.visitId) };
  expectOk(await run('app/(app)/patients/[patientId]/actions.ts#signRecordAction', rec), 'sign visit');
  expect((await sql`select 1 from signature where record_id = ${rec.visitId} and entity = 'visit'`).length).toBe(1);
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
  expectOk(await run('app/(app)/admin/users/actions.ts#setInvestigatorSitesAction', { ...nord, userId }, 'admin', admin), 'give the investigator right');
  expect((await sql`select 1 from investigator_site where user_id = ${userId}`).length).toBe(1);
  await sql`insert into sign_in_failure (email, failures, last_failure_at, locked_until)
            select email, 5, now(), now() + interval '15 minutes' from "user" where id = ${userId}`;
  expectOk(await run('app/(app)/admin/users/actions.ts#unlockAccountAction', { ...nord, userId }, 'admin', admin), 'unlock account');
  expect((await sql`select 1 from sign_in_failure f join "user" u on u.email = f.email where u.id = ${userId}`).length).toBe(0);

  expectOk(await run('app/(app)/cohorts/[code]/settings/actions.ts#saveReportSettingsAction', nord, 'coordinator', sessions.get('coordinator')!), 'report settings');
  const lockKey = 'app/(app)/cohorts/[code]/lock/actions.ts#setCohortLockAction';
  expectOk(await run(lockKey, nord, 'coordinator', sessions.get('coordinator')!), 'lock cohort');
  expect((await sql`select 1 from cohort where code = 'E2E-EST' and locked_at is not null`).length).toBe(1);
  expectOk(await callAction(sessions.get('coordinator')!, actionId(lockKey), ['E2E-EST', { lock: false, reason: 'Access check done' }]), 'unlock cohort');

  // Tokens: the clinician makes two, revokes one; the admin revokes the other; nobody else's.
  const coordinator = sessions.get('coordinator')!;
  const makeToken = async (context = clinician) => expectOk(await calls['app/(app)/account/actions.ts#createTokenAction']!.call(context, actionId('app/(app)/account/actions.ts#createTokenAction'), nord, 'clinician'), 'make token');
  const own = await makeToken();
  const other = await makeToken();
  const revokeOwn = actionId('app/(app)/account/actions.ts#revokeOwnTokenAction');
  expect((await callAction(coordinator, revokeOwn, [own])).result).toMatchObject({ ok: false, message: expect.stringMatching(/not found/i) });
  expectOk(await callAction(clinician, revokeOwn, [own]), 'revoke own token');
  expectOk(await callAction(admin, actionId('app/(app)/admin/tokens/actions.ts#revokeAnyTokenAction'), [other]), 'admin revokes a token');
  expect((await sql`select 1 from access_token where id in (${own}, ${other}) and revoked_at is not null`).length).toBe(2);

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

  const right = await calls['app/(auth)/login/actions.ts#signIn']!.call(visitor, signInId, world.fixtures.NORD, 'anon');
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
