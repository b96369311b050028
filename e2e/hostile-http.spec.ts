import { expect, test, type APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { hostileString, hostileValue, isClearMessage } from '@/test-support/hostile-values';
import { buildActions, callAction, openDb, snapshot, type ActionReply, type Sql } from './http';
import { newSession } from './sessions';

// Hostile input over HTTP, as a broken or malicious client would send it, to every server
// action (JSON arguments) and every API route and listing page (query strings): never a
// server error, a clear refusal, and nothing written when refused. Fields of an otherwise
// valid payload are swapped for hostile values, so that each field's check is reached.

let sql: Sql;
let ids: { siteId: string; cohortId: string; patientId: string; visitId: string; visitDate: string; eventId: string; relapseId: string; userId: string };
const contexts: Record<string, APIRequestContext> = {};
const actions = buildActions();
const RUNS = 40;

test.beforeAll(async ({ playwright }) => {
  sql = openDb();
  const [row] = await sql<{ site_id: string; cohort_id: string; patient_id: string; visit_id: string; visit_date: string; event_id: string; relapse_id: string; user_id: string }[]>`
    select p.site_id, p.cohort_id, p.id as patient_id, v.id as visit_id, v.visit_date::text as visit_date, a.id as event_id,
           (select r.id from relapse r where r.patient_id = p.id and r.voided_at is null limit 1) as relapse_id,
           (select id from "user" where email = 'clinician.sud@demo.test') as user_id
    from patient p join site s on s.id = p.site_id
    join visit v on v.patient_id = p.id and v.voided_at is null and v.visit_type = 'follow_up'
    join adverse_event a on a.patient_id = p.id and a.voided_at is null
    where s.code = 'NORD' and p.voided_at is null and p.death_date is null
    order by p.code limit 1`;
  ids = {
    siteId: row!.site_id,
    cohortId: row!.cohort_id,
    patientId: row!.patient_id,
    visitId: row!.visit_id,
    visitDate: row!.visit_date,
    eventId: row!.event_id,
    relapseId: row!.relapse_id,
    userId: row!.user_id,
  };
  for (const role of ['clinician', 'auditor', 'admin'] as const) contexts[role] = await newSession(playwright.request, role);
  contexts.anon = await newSession(playwright.request);
});

test.afterAll(async () => {
  for (const c of Object.values(contexts)) await c.dispose();
  await sql.end();
});

/**
 * A payload with one to three fields replaced by hostile values, or a hostile value instead
 * of the payload. `poison` is one field sure to be refused, set last, so that no call can
 * write whatever the hostile values turn out to be.
 */
function hostilePayload(base: Record<string, unknown>, poison: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...keys), hostileValue, { minKeys: 1, maxKeys: 3 }).map((swap) => ({ ...base, ...swap, ...poison })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/**
 * Values as React's encodeReply puts them on the wire: JSON, with a string that starts with
 * `$` escaped as `$$` (a bare `$...` is a reference in React's protocol, which Next.js refuses
 * as a malformed request before any of our code runs).
 */
function wire(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null, (_, v) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'string' && v.startsWith('$')) return `$${v}`;
      return v;
    }),
  );
}

type Case = { action: string; role: keyof typeof contexts; page: string; args: () => fc.Arbitrary<unknown[]> };

const REASON = 'hostile input check';
const CASES: Case[] = [
  {
    action: 'app/(app)/patients/actions.ts#createPatientAction',
    role: 'clinician',
    page: '/patients/new',
    args: () =>
      hostilePayload({ code: 'HOSTILE-1', siteId: ids.siteId, cohortId: ids.cohortId, sex: 'F', birthYear: '1970', jakiDrug: 'baricitinib', jakiDoseMgDay: '4', jakiStartDate: '2024-01-15' }, { birthYear: '1800' })
        .chain((values) => fc.tuple(fc.constant(values), fc.oneof(fc.constant(undefined), hostileValue))),
  },
  {
    action: 'app/(app)/patients/actions.ts#updatePatientAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.patientId), hostileValue), hostilePayload({ code: 'X', siteId: ids.siteId, cohortId: ids.cohortId, reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/patients/[patientId]/visits/actions.ts#createVisitAction',
    role: 'clinician',
    page: '/patients',
    args: () =>
      fc.tuple(
        fc.oneof(fc.constant(ids.patientId), hostileValue),
        hostilePayload({ visitDate: '2025-12-01', visitType: 'follow_up', cdasiActivity: '12', mmt8: '130', prednisoneMgDay: '5', ivig: 'none', haq: '1' }, { cdasiActivity: '101' }),
        fc.oneof(fc.constant(undefined), hostileValue),
      ),
  },
  {
    action: 'app/(app)/patients/[patientId]/visits/actions.ts#updateVisitAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.visitId), hostileValue), hostilePayload({ visitDate: ids.visitDate, visitType: 'follow_up', cdasiActivity: '11', reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/patients/[patientId]/visits/actions.ts#voidVisitAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.visitId), hostileValue), hostilePayload({ reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/patients/[patientId]/adverse-events/actions.ts#createAdverseEventAction',
    role: 'clinician',
    page: '/patients',
    args: () =>
      fc.tuple(
        fc.oneof(fc.constant(ids.patientId), hostileValue),
        hostilePayload({ term: 'Hostile', category: 'other', onsetDate: '2025-12-01', ongoing: true, ctcaeGrade: '1' }, { ctcaeGrade: '9' }),
        fc.oneof(fc.constant(undefined), hostileValue),
      ),
  },
  {
    action: 'app/(app)/patients/[patientId]/adverse-events/actions.ts#updateAdverseEventAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.eventId), hostileValue), hostilePayload({ term: 'X', category: 'other', ctcaeGrade: '1', reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/patients/[patientId]/relapses/actions.ts#createRelapseAction',
    role: 'clinician',
    page: '/patients',
    args: () =>
      fc.tuple(
        fc.oneof(fc.constant(ids.patientId), hostileValue),
        hostilePayload({ relapseDate: '2025-12-01', domain: 'skin', action: 'none' }, { domain: 'kidney' }),
        fc.oneof(fc.constant(undefined), hostileValue),
      ),
  },
  {
    action: 'app/(app)/patients/[patientId]/relapses/actions.ts#updateRelapseAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.relapseId), hostileValue), hostilePayload({ relapseDate: '2025-12-01', domain: 'skin', reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/patients/[patientId]/relapses/actions.ts#voidRelapseAction',
    role: 'clinician',
    page: '/patients',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.relapseId), hostileValue), hostilePayload({ reason: REASON, version: 1 }, { reason: '' })),
  },
  {
    action: 'app/(app)/adverse-events/[eventId]/actions.ts#reviewAdverseEventAction',
    role: 'auditor',
    page: '/adverse-events',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.eventId), hostileValue), hostilePayload({ comment: 'Seen', version: 1 }, { version: 'stale' })),
  },
  {
    action: 'app/(app)/admin/users/actions.ts#createUserAction',
    role: 'admin',
    page: '/admin/users',
    args: () => fc.tuple(hostilePayload({ name: 'Hostile', email: 'hostile@demo.test', role: 'clinician', password: 'long-enough-pass', siteIds: [ids.siteId] }, { password: 'short' })),
  },
  {
    action: 'app/(app)/admin/users/actions.ts#updateUserAccessAction',
    role: 'admin',
    page: '/admin/users',
    args: () => fc.tuple(fc.oneof(fc.constant(ids.userId), hostileValue), hostilePayload({ role: 'clinician', siteIds: [ids.siteId], active: true }, { role: 'superuser' })),
  },
  {
    action: 'app/(app)/admin/users/actions.ts#grantSiteAction',
    role: 'admin',
    page: '/import',
    args: () => fc.tuple(hostilePayload({ siteCode: 'NORD', userIds: [ids.userId] }, { userIds: [] })),
  },
  {
    action: 'app/(auth)/login/actions.ts#signIn',
    role: 'anon',
    page: '/login',
    args: () => fc.tuple(hostilePayload({ email: 'nobody@demo.test', password: 'wrong-password-x' }, { email: 'not-an-email' })),
  },
];

function refusal(reply: ActionReply): string | null {
  if (reply.status >= 500) return `HTTP ${reply.status}`;
  if (reply.error !== undefined) return `threw: ${JSON.stringify(reply.error).slice(0, 200)}`;
  const result = reply.result as { ok?: unknown; message?: unknown; fieldErrors?: Record<string, unknown> } | undefined;
  if (!result || result.ok !== false) return `not refused: ${reply.body.slice(0, 200)}`;
  if (!isClearMessage(result.message)) return `unclear message: ${String(result.message).slice(0, 200)}`;
  for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
    if (!isClearMessage(message)) return `unclear message at ${field}: ${String(message).slice(0, 200)}`;
  return null;
}

for (const c of CASES) {
  test(`hostile arguments to ${c.action.split('#')[1]}: refused clearly, nothing written`, async () => {
    const id = actions.get(c.action);
    expect(id, `${c.action} is in the build`).toBeTruthy();
    const before = await snapshot(sql);
    await fc.assert(
      fc.asyncProperty(c.args(), async (args) => {
        const sent = (args as unknown[]).map(wire);
        const problem = refusal(await callAction(contexts[c.role]!, id!, sent, { page: c.page }));
        expect(problem, `${JSON.stringify(sent).slice(0, 300)}`).toBeNull();
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
    expect(await snapshot(sql)).toEqual(before);
  });
}

test('hostile query strings and path values on every API route and listing page: never a server error', async () => {
  const routes = [
    (v: string) => `/api/v1/cohorts/${encodeURIComponent(v)}/report?format=json`,
    (v: string) => `/api/v1/cohorts/DEMO-JAKI/report?format=${encodeURIComponent(v)}`,
    (v: string) => `/api/v1/cohorts/DEMO-JAKI/report?site=${encodeURIComponent(v)}`,
    (v: string) => `/api/v1/cohorts/DEMO-JAKI/report?format=csv&by=${encodeURIComponent(v)}`,
    (v: string) => `/api/v1/cohorts/${encodeURIComponent(v)}/export`,
    (v: string) => `/api/v1/adverse-events/line-listing?format=${encodeURIComponent(v)}&category=${encodeURIComponent(v)}&from=${encodeURIComponent(v)}`,
    (v: string) => `/api/v1/audit?user=${encodeURIComponent(v)}&record=${encodeURIComponent(v)}&from=${encodeURIComponent(v)}&page=${encodeURIComponent(v)}`,
    (v: string) => `/patients?q=${encodeURIComponent(v)}&site=${encodeURIComponent(v)}`,
    (v: string) => `/adverse-events?grade=${encodeURIComponent(v)}&sort=${encodeURIComponent(v)}&site=${encodeURIComponent(v)}`,
    (v: string) => `/audit?action=${encodeURIComponent(v)}&entity=${encodeURIComponent(v)}&page=${encodeURIComponent(v)}`,
    (v: string) => `/cohorts/${encodeURIComponent(v)}/report`,
    (v: string) => `/cohorts/DEMO-JAKI/report?by=${encodeURIComponent(v)}&site=${encodeURIComponent(v)}`,
    (v: string) => `/cohorts/${encodeURIComponent(v)}/settings`,
    (v: string) => `/cohorts/${encodeURIComponent(v)}/lock`,
    (v: string) => `/patients/${encodeURIComponent(v)}`,
  ];
  const before = await snapshot(sql);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), hostileString.filter((s) => s.length < 5000 && s.isWellFormed()), async (route, value) => {
      const path = route(value);
      const res = await contexts.admin!.get(path, { maxRedirects: 0 });
      expect(res.status(), path.slice(0, 300)).toBeLessThan(500);
    }),
    { numRuns: 200, seed: 20261122 },
  );
  // Reading writes an export entry at most; no record changed.
  const after = await snapshot(sql);
  expect({ ...after, audit_seq: before.audit_seq }).toEqual(before);
});

test('an address whose %-codes do not decode is refused as a bad request, never a server error', async () => {
  for (const path of ['/patients/%E0%A4%A', '/cohorts/%E0%A4%A/report', '/cohorts/%/settings', '/api/v1/cohorts/%C3%28/report']) {
    const res = await contexts.admin!.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain('not valid');
  }
  // A well-formed %-code is an address like any other.
  expect((await contexts.admin!.get('/cohorts/%25/report', { maxRedirects: 0 })).status()).toBe(404);
});
