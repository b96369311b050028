import type { APIRequestContext } from '@playwright/test';
import { SITES, USERS, sitesOf, type RoleKey, type SiteCode } from './access-matrix';
import type { Rec, Scope, World } from './access-matrix-world';
import { callAction, callFormAction, randomUuid, type ActionReply } from './http';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { settingsFormValues } from '@/lib/schemas/report-settings';

// Server actions: how to call each one on a target record, and the records to try.

export type Target = { label: string; scope: Scope; rec: Rec };

const REASON = 'access matrix check';
let serial = 0;
export const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}${(serial++).toString(36).toUpperCase()}`;

export function patientValues(code: string, siteId: string, cohortId: string) {
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
function callerSiteId(role: RoleKey, rec: Rec, siteIds: Map<SiteCode, string>): string {
  const mine = sitesOf(role);
  if (role === 'anon' || mine.includes(rec.siteCode)) return rec.siteId;
  return siteIds.get(mine[0]!)!;
}

export function importFiles(siteCode: string) {
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

export type TargetKind = 'patient' | 'visit' | 'adverseEvent' | 'relapse' | 'query' | 'site' | 'user' | 'none';
export type ActionCall = {
  kind: TargetKind;
  call: (context: APIRequestContext, id: string, rec: Rec, role: RoleKey) => Promise<ActionReply>;
};

/** How to call each server action on a target record. */
export function actionCalls(world: World): Record<string, ActionCall> {
  return {
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
        callAction(c, id, [rec.patientId, { ...patientValues(rec.patientCode, callerSiteId(role, rec, world.siteIds), rec.cohortId), reason: REASON, version: rec.patientVersion }]),
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
    'app/(app)/patients/[patientId]/relapses/actions.ts#createRelapseAction': {
      kind: 'patient',
      call: (c, id, rec) => callAction(c, id, [rec.patientId, { relapseDate: rec.onsetDate, domain: 'lung', action: 'other_treatment_added' }]),
    },
    'app/(app)/patients/[patientId]/relapses/actions.ts#updateRelapseAction': {
      kind: 'relapse',
      call: (c, id, rec) =>
        callAction(c, id, [rec.relapseId, { relapseDate: rec.relapseDate, domain: rec.relapseDomain, action: 'none', reason: REASON, version: rec.relapseVersion }]),
    },
    'app/(app)/patients/[patientId]/relapses/actions.ts#voidRelapseAction': {
      kind: 'relapse',
      call: (c, id, rec) => callAction(c, id, [rec.relapseId, { reason: REASON, version: rec.relapseVersion }]),
    },
    'app/(app)/adverse-events/[eventId]/actions.ts#reviewAdverseEventAction': {
      kind: 'adverseEvent',
      call: (c, id, rec) => callAction(c, id, [rec.eventId, { comment: 'Access check review', version: rec.eventVersion }]),
    },
    'app/(app)/patients/[patientId]/actions.ts#verifyRecordAction': {
      kind: 'visit',
      call: (c, id, rec) => callAction(c, id, [{ kind: 'visit', id: rec.visitId, version: rec.visitVersion }]),
    },
    'app/(app)/patients/[patientId]/actions.ts#signRecordAction': {
      kind: 'visit',
      call: (c, id, rec) =>
        callAction(c, id, [{ kind: 'visit', id: rec.visitId, contentHash: rec.visitHash, meaning: 'reviewed_and_approved', password: 'demo-password' }]),
    },
    'app/(app)/queries/actions.ts#raiseQueryAction': {
      kind: 'visit',
      call: (c, id, rec) => callAction(c, id, [{ entity: 'visit', recordId: rec.visitId, field: 'ckUL', question: 'Access check: CK as in the source?' }]),
    },
    'app/(app)/queries/actions.ts#answerQueryAction': {
      kind: 'query',
      call: (c, id, rec) => callAction(c, id, [{ queryId: rec.queryId, answer: 'Access check: as in the source' }]),
    },
    'app/(app)/queries/actions.ts#closeQueryAction': {
      kind: 'query',
      call: (c, id, rec) => callAction(c, id, [{ queryId: rec.queryId, comment: 'Access check' }]),
    },
    'app/(app)/queries/actions.ts#reopenQueryAction': {
      kind: 'query',
      call: (c, id, rec) => callAction(c, id, [{ queryId: rec.queryId, comment: 'Access check: still to do' }]),
    },
    'app/(app)/import/actions.ts#importCohortAction': {
      kind: 'site',
      call: (c, id, rec) => callFormAction(c, id, { status: 'idle' }, importFiles(rec.siteCode).files),
    },
    'app/(app)/cohorts/[code]/settings/actions.ts#saveReportSettingsAction': {
      kind: 'none',
      // Roles that may not are refused before the values are read; the coordinator's own call
      // (the positive test) changes E2E-EST's settings, which no other test reads.
      call: (c, id) => callAction(c, id, ['E2E-EST', { ...settingsFormValues(DEFAULT_REPORT_SETTINGS, 1), responderDrop: '4', reason: 'Access check of the settings' }]),
    },
    'app/(app)/cohorts/[code]/lock/actions.ts#setCohortLockAction': {
      kind: 'none',
      // The positive test locks E2E-EST and unlocks it at once.
      call: (c, id) => callAction(c, id, ['E2E-EST', { lock: true, reason: 'Access check of the lock' }]),
    },
    'app/(app)/admin/users/actions.ts#createUserAction': {
      kind: 'site',
      call: (c, id, rec) =>
        callAction(c, id, [{ name: 'Access Check', email: `${fresh('axm').toLowerCase()}@demo.test`, role: 'clinician', password: 'access-check-password', siteIds: [rec.siteId] }]),
    },
    'app/(app)/admin/users/actions.ts#updateUserAccessAction': {
      kind: 'user',
      call: (c, id, rec) => callAction(c, id, [rec.userId, { role: 'clinician', siteIds: [world.siteIds.get('NORD')!], active: true }]),
    },
    'app/(app)/admin/users/actions.ts#grantSiteAction': {
      kind: 'user',
      call: (c, id, rec) => callAction(c, id, [{ siteCode: 'NORD', userIds: [rec.userId] }]),
    },
    'app/(app)/admin/users/actions.ts#unlockAccountAction': {
      kind: 'user',
      call: (c, id, rec) => callAction(c, id, [rec.userId, { reason: 'Access check: the user called' }]),
    },
    'app/(app)/admin/users/actions.ts#setInvestigatorSitesAction': {
      kind: 'user',
      // The admin's own call (the positive test) is on a user it has just made a NORD clinician.
      call: (c, id, rec) => callAction(c, id, [rec.userId, { siteIds: [world.siteIds.get('NORD')!] }]),
    },
    'app/(app)/account/actions.ts#createTokenAction': {
      kind: 'none',
      call: (c, id) => callAction(c, id, [{ name: 'access matrix check', scopes: ['read'], days: '1' }]),
    },
    // The revokes are refused for the role before the token is looked up; the positive test
    // revokes real tokens.
    'app/(app)/account/actions.ts#revokeOwnTokenAction': {
      kind: 'none',
      call: (c, id) => callAction(c, id, [randomUuid()]),
    },
    'app/(app)/admin/tokens/actions.ts#revokeAnyTokenAction': {
      kind: 'none',
      call: (c, id) => callAction(c, id, [randomUuid()]),
    },
  };
}

/** The records an action is tried on. */
export function targets(kind: TargetKind, { fixtures }: World): Target[] {
  const bad = (label: string, value: string): Target => ({
    label,
    scope: 'none',
    rec: { ...fixtures.NORD, patientId: value, visitId: value, eventId: value, relapseId: value, queryId: value, userId: value },
  });
  const perSite = SITES.map((site): Target => ({ label: `${site} record`, scope: site, rec: fixtures[site] }));
  switch (kind) {
    case 'patient':
    case 'visit':
    case 'adverseEvent':
    case 'relapse':
    case 'query':
      return [...perSite, bad('malformed id', 'not-a-uuid'), bad('random uuid', randomUuid())];
    case 'site':
      return SITES.map((site): Target => ({ label: `site ${site}`, scope: site, rec: fixtures[site] }));
    case 'user':
      return [{ label: 'existing user', scope: 'any', rec: fixtures.NORD }, bad('malformed user id', 'not-a-user'), bad('random user uuid', randomUuid())];
    case 'none':
      return [{ label: 'no record', scope: 'any', rec: fixtures.NORD }];
  }
}
