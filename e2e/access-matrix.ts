// Who may reach what: every page, API route and server action of the app, with the answer
// each role must get. e2e/access-matrix.spec.ts walks all of it over HTTP, and fails if a
// route (app/**/page.tsx, app/**/route.ts) or a server action (the build's
// server-reference-manifest.json) has no entry here, or if an entry names one that is gone.
//
// Records are site-scoped: "ok" means ok for a record of one of the role's sites. Any record
// of another site, a malformed id and a random uuid answer not-found (404, or the action's
// not-found refusal), whatever the role; the spec adds those cases itself.

export const SITES = ['NORD', 'SUD', 'EST'] as const;
export type SiteCode = (typeof SITES)[number];

/** The signed-in roles; `anon` is the signed-out visitor. */
export const USERS = {
  clinician: { email: 'clinician@demo.test', sites: ['NORD'] },
  clinicianSud: { email: 'clinician.sud@demo.test', sites: ['SUD'] },
  coordinator: { email: 'coordinator@demo.test', sites: ['NORD', 'SUD'] },
  auditor: { email: 'auditor@demo.test', sites: ['NORD', 'SUD'] },
  admin: { email: 'admin@demo.test', sites: 'all' },
} as const satisfies Record<string, { email: string; sites: readonly SiteCode[] | 'all' }>;

export type UserKey = keyof typeof USERS;
export type RoleKey = UserKey | 'anon';
export const ROLE_KEYS: readonly RoleKey[] = ['anon', 'clinician', 'clinicianSud', 'coordinator', 'auditor', 'admin'];

export function sitesOf(role: RoleKey): readonly SiteCode[] {
  if (role === 'anon') return [];
  const sites = USERS[role].sites;
  return sites === 'all' ? SITES : sites;
}

/** Pages: ok = 200; notFound = 404; login = redirect to /login; redirect:X = redirect to X. */
export type PageOutcome = 'ok' | 'notFound' | 'login' | `redirect:${string}`;
/** API routes: ok = 200; notFound = 404; unauthorized = 401. */
export type ApiOutcome = 'ok' | 'notFound' | 'unauthorized';
/**
 * Server actions: allowed = the role may call it on its own sites' records (the spec checks
 * it refuses other sites' records, malformed and random ids); denied = refused on any
 * record, nothing written; public = anyone (sign-in, sign-out), checked by their own tests.
 */
export type ActionOutcome = 'allowed' | 'denied' | 'public';

export type PerRole<T> = Record<RoleKey, T>;

function perRole<T>(anon: T, rest: T, except: Partial<Record<UserKey, T>> = {}): PerRole<T> {
  return {
    anon,
    clinician: except.clinician ?? rest,
    clinicianSud: except.clinicianSud ?? rest,
    coordinator: except.coordinator ?? rest,
    auditor: except.auditor ?? rest,
    admin: except.admin ?? rest,
  };
}

/** Every signed-in role may; signed out, to /login. */
const signedIn = perRole<PageOutcome>('login', 'ok');
/** Only these roles; the others get not-found; signed out, to /login. */
function onlyPage(...roles: UserKey[]): PerRole<PageOutcome> {
  return perRole<PageOutcome>('login', 'notFound', Object.fromEntries(roles.map((r) => [r, 'ok'])));
}
function onlyApi(...roles: UserKey[]): PerRole<ApiOutcome> {
  return perRole<ApiOutcome>('unauthorized', 'notFound', Object.fromEntries(roles.map((r) => [r, 'ok'])));
}
function onlyAction(...roles: UserKey[]): PerRole<ActionOutcome> {
  return perRole<ActionOutcome>('denied', 'denied', Object.fromEntries(roles.map((r) => [r, 'allowed'])));
}

const WRITERS = ['clinician', 'clinicianSud', 'coordinator'] as const;
const REVIEWERS = ['auditor', 'admin'] as const;
/** Who raises queries on data, and closes or sends back the ones they raised. */
const RAISERS = ['coordinator', 'auditor'] as const;

/** How the spec fills a route's parameters. */
export const PARAMS = {
  patientId: 'patient',
  visitId: 'visit',
  eventId: 'adverseEvent',
  relapseId: 'relapse',
  queryId: 'query',
  userId: 'user',
  code: 'cohort',
  name: 'figure',
  all: 'auth',
} as const;

/** Route patterns as the filesystem gives them, route groups removed. */
export const PAGES: Record<string, PerRole<PageOutcome>> = {
  '/': perRole<PageOutcome>('redirect:/patients', 'redirect:/patients'),
  '/login': perRole<PageOutcome>('ok', 'redirect:/patients'),
  '/patients': signedIn,
  '/patients/new': onlyPage(...WRITERS),
  '/patients/[patientId]': signedIn,
  '/patients/[patientId]/edit': onlyPage(...WRITERS),
  '/patients/[patientId]/history': signedIn,
  '/patients/[patientId]/visits/new': onlyPage(...WRITERS),
  '/patients/[patientId]/visits/[visitId]/edit': onlyPage(...WRITERS),
  '/patients/[patientId]/visits/[visitId]/history': signedIn,
  '/patients/[patientId]/adverse-events/new': onlyPage(...WRITERS),
  '/patients/[patientId]/adverse-events/[eventId]/edit': onlyPage(...WRITERS),
  '/patients/[patientId]/adverse-events/[eventId]/history': signedIn,
  '/patients/[patientId]/relapses/new': onlyPage(...WRITERS),
  '/patients/[patientId]/relapses/[relapseId]/edit': onlyPage(...WRITERS),
  '/patients/[patientId]/relapses/[relapseId]/history': signedIn,
  '/patients/[patientId]/query': onlyPage(...RAISERS),
  '/patients/[patientId]/visits/[visitId]/query': onlyPage(...RAISERS),
  '/patients/[patientId]/adverse-events/[eventId]/query': onlyPage(...RAISERS),
  '/patients/[patientId]/relapses/[relapseId]/query': onlyPage(...RAISERS),
  '/queries': signedIn,
  '/queries/[queryId]': signedIn,
  '/cohorts': signedIn,
  '/cohorts/[code]/report': signedIn,
  '/cohorts/[code]/settings': onlyPage('coordinator', 'admin'),
  '/cohorts/[code]/lock': onlyPage('coordinator', 'admin'),
  '/import': onlyPage('coordinator', 'admin'),
  '/adverse-events': onlyPage(...REVIEWERS),
  '/adverse-events/[eventId]': onlyPage(...REVIEWERS),
  '/audit': onlyPage(...REVIEWERS),
  '/admin/users': onlyPage('admin'),
  '/admin/users/[userId]': onlyPage('admin'),
  '/admin/tokens': onlyPage('admin'),
  '/account': signedIn,
  '/api-reference': signedIn,
};

/** API routes, with the query (or, for better-auth's catch-all, the path) the spec asks. */
export const API_ROUTES: Record<string, { query?: string; probe?: string; expect: PerRole<ApiOutcome> }> = {
  '/api/health': { expect: perRole<ApiOutcome>('ok', 'ok') },
  // better-auth's endpoints; its session endpoint answers everyone (null when signed out).
  // Sign-in, sign-up, role changes and foreign origins have their own tests.
  '/api/auth/[...all]': { probe: '/api/auth/get-session', expect: perRole<ApiOutcome>('ok', 'ok') },
  '/api/v1/adverse-events/line-listing': { query: 'format=csv', expect: onlyApi(...REVIEWERS) },
  '/api/v1/audit': { query: '', expect: onlyApi(...REVIEWERS) },
  // A period with no entry keeps the answer small; its content is e2e/evidence.spec.ts's.
  '/api/v1/audit/evidence': { query: 'from=2000-01-01&to=2000-01-02', expect: onlyApi(...REVIEWERS) },
  '/api/v1/queries': { query: 'state=open', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/cohorts/[code]/report': { query: 'format=json', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/cohorts/[code]/figures/[name]': { query: 'format=svg', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/cohorts/[code]/export': { query: 'file=patients', expect: onlyApi('coordinator', 'admin') },
  '/api/v1/cohorts/[code]/fhir': { expect: onlyApi('coordinator', 'admin') },
  // Over the caller's own sites (an admin's: all); the zip is compressed, so the site check of
  // its contents is in e2e/analysis-export.spec.ts.
  '/api/v1/cohorts/[code]/analysis': { expect: onlyApi('clinician', 'clinicianSud', 'coordinator', 'admin') },
  '/api/v1/patients/[patientId]/fhir': { expect: onlyApi('coordinator', 'admin') },
  '/api/v1/patients/[patientId]/casebook': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  // The record API (docs/api.md): every role reads its sites' records; lists hold no other
  // site's (the leak check), and a record of another site is not found. Its writes are
  // e2e/api.spec.ts's (roles, scopes, sites, nothing written on a refusal).
  '/api/v1/patients': { query: 'limit=all', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/patients/[patientId]': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/visits': { query: 'limit=all', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/visits/[visitId]': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/adverse-events': { query: 'limit=all', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/adverse-events/[eventId]': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/relapses': { query: 'limit=all', expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/relapses/[relapseId]': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/cohorts': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/sites': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
  '/api/v1/openapi.json': { expect: perRole<ApiOutcome>('unauthorized', 'ok') },
};

/** Server actions, as `<file>#<export>` of the build's manifest. */
export const ACTIONS: Record<string, PerRole<ActionOutcome>> = {
  'app/(app)/actions.ts#signOut': perRole<ActionOutcome>('public', 'public'),
  'app/(auth)/login/actions.ts#signIn': perRole<ActionOutcome>('public', 'public'),
  'app/(app)/patients/actions.ts#createPatientAction': onlyAction(...WRITERS),
  'app/(app)/patients/actions.ts#updatePatientAction': onlyAction(...WRITERS),
  'app/(app)/patients/actions.ts#voidPatientAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/visits/actions.ts#createVisitAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/visits/actions.ts#updateVisitAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/visits/actions.ts#voidVisitAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#createAdverseEventAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#updateAdverseEventAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/adverse-events/actions.ts#voidAdverseEventAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/relapses/actions.ts#createRelapseAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/relapses/actions.ts#updateRelapseAction': onlyAction(...WRITERS),
  'app/(app)/patients/[patientId]/relapses/actions.ts#voidRelapseAction': onlyAction(...WRITERS),
  'app/(app)/adverse-events/[eventId]/actions.ts#reviewAdverseEventAction': onlyAction(...REVIEWERS),
  'app/(app)/patients/[patientId]/actions.ts#verifyRecordAction': onlyAction(...REVIEWERS),
  // Investigators only: the demo clinicians hold the right at their site (db/seed.ts); the
  // coordinator holds none, an auditor or an admin cannot hold it.
  'app/(app)/patients/[patientId]/actions.ts#signRecordAction': onlyAction('clinician', 'clinicianSud'),
  'app/(app)/queries/actions.ts#raiseQueryAction': onlyAction(...RAISERS),
  'app/(app)/queries/actions.ts#answerQueryAction': onlyAction(...WRITERS),
  // Only the query's raiser: another raiser of the site is refused (e2e/queries.spec.ts).
  'app/(app)/queries/actions.ts#closeQueryAction': onlyAction(...RAISERS),
  'app/(app)/queries/actions.ts#reopenQueryAction': onlyAction(...RAISERS),
  'app/(app)/import/actions.ts#importCohortAction': onlyAction('coordinator', 'admin'),
  'app/(app)/cohorts/[code]/settings/actions.ts#saveReportSettingsAction': onlyAction('coordinator', 'admin'),
  'app/(app)/cohorts/[code]/lock/actions.ts#setCohortLockAction': onlyAction('coordinator', 'admin'),
  'app/(app)/admin/users/actions.ts#createUserAction': onlyAction('admin'),
  'app/(app)/admin/users/actions.ts#updateUserAccessAction': onlyAction('admin'),
  'app/(app)/admin/users/actions.ts#grantSiteAction': onlyAction('admin'),
  'app/(app)/admin/users/actions.ts#unlockAccountAction': onlyAction('admin'),
  'app/(app)/admin/users/actions.ts#setInvestigatorSitesAction': onlyAction('admin'),
  // Everyone manages their own tokens; revoking someone else's is refused as not found (e2e/tokens.spec.ts).
  'app/(app)/account/actions.ts#createTokenAction': perRole<ActionOutcome>('denied', 'allowed'),
  'app/(app)/account/actions.ts#revokeOwnTokenAction': perRole<ActionOutcome>('denied', 'allowed'),
  'app/(app)/admin/tokens/actions.ts#revokeAnyTokenAction': onlyAction('admin'),
};
