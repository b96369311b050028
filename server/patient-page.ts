import 'server-only';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';

/**
 * The patient behind a page that writes to their record. A reader, or a patient outside the
 * user's sites, gets the same not-found page, so a URL never tells whether the patient exists.
 */
export async function patientForWriting(patientId: string) {
  const access = await requireAccess();
  const db = await getDb();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found || !canWriteClinical(access.role)) notFound();
  return { access, db, patient: found.patient };
}
