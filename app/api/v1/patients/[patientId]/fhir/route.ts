import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { fhirPatientData } from '@/db/queries/fhir';
import { canImport } from '@/lib/auth/access';
import { withDatabase } from '@/lib/db-unavailable';
import { withApiAccess } from '@/server/auth/api-access';
import { fhirExportResponse } from '@/server/fhir-export';

/**
 * GET /api/v1/patients/ID/fhir — one patient as a FHIR R4 Bundle (docs/fhir.md); coordinators
 * and admins, as the cohort's. A patient of another site answers as one that does not exist.
 */
export const GET = withDatabase('GET /api/v1/patients/fhir', withApiAccess('Sign in first.', async (access, _request: Request, { params }: { params: Promise<{ patientId: string }> }) => {
  if (!canImport(access.role)) return problemResponse(404, 'Not found.');
  const { patientId } = await params;
  const siteIds = access.role === 'admin' ? undefined : access.siteIds;
  const db = await getDb();
  const data = await fhirPatientData(db, { patientId, siteIds });
  const patient = data?.patients[0];
  if (!data || !patient) return problemResponse(404, 'No such patient.');
  return fhirExportResponse(db, data, { actorId: access.userId, entity: 'patient', entityId: patient.id, siteIds: siteIds ?? 'all' }, `${patient.code}-fhir.json`);
}));
