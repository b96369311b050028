import type { Role } from '@/lib/codes';

/** What a signed-in user may reach: their role and the sites they work at. */
export type Access = { userId: string; name: string; email: string; role: Role; siteIds: string[] };

// Auditors only read; admins manage accounts and see every site but enter no clinical data.
export const CLINICAL_WRITERS_ROLES = ['clinician', 'coordinator'] as const satisfies readonly Role[];
const CLINICAL_WRITERS: readonly Role[] = CLINICAL_WRITERS_ROLES;

export function canWriteClinical(role: Role): boolean {
  return CLINICAL_WRITERS.includes(role);
}

export function canManageUsers(role: Role): boolean {
  return role === 'admin';
}

/** Coordinators move cohorts in and out; admins too. */
export function canImport(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/**
 * The analysis files of a cohort, over the user's own sites: clinicians and coordinators, who
 * see those patients anyway, and admins. Auditors review; they do not analyse.
 */
export function canExportAnalysis(role: Role): boolean {
  return role === 'clinician' || role === 'coordinator' || role === 'admin';
}

/** A cohort's report settings (windows, thresholds, tests): coordinators and admins. */
export function canChangeReportSettings(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** Coordinators (and admins) lock a cohort for analysis and unlock it. */
export function canLockCohort(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** Auditors review adverse events and the audit trail; admins too. */
export function canReview(role: Role): boolean {
  return role === 'auditor' || role === 'admin';
}

/** Clinicians and coordinators may hold the investigator right, given per site by an admin, and sign records there. */
export function canSign(role: Role): boolean {
  return CLINICAL_WRITERS.includes(role);
}
