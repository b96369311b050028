import 'server-only';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import type { LockedCohort } from '@/components/CohortLockedNotice';

/**
 * The patient behind a page that writes to their record. A reader, or a patient outside the
 * user's sites, gets the same not-found page, so a URL never tells whether the patient exists.
 * `locked`: the patient's cohort is locked for analysis, and the page shows no form.
 */
export async function patientForWriting(patientId: string) {
  const access = await requireAccess();
  const db = await getDb();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found || !canWriteClinical(access.role)) notFound();
  return { access, db, patient: found.patient, locked: cohortLockOf(found) };
}

/** The lock of the patient's cohort (getPatient's answer), or null while it is open. */
export function cohortLockOf(found: { cohortCode: string; cohortLockedAt: Date | null }): LockedCohort | null {
  return found.cohortLockedAt ? { cohortCode: found.cohortCode, lockedAt: found.cohortLockedAt } : null;
}
