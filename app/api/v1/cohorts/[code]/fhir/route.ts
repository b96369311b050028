import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { fhirCohortData } from '@/db/queries/fhir';
import { canImport } from '@/lib/auth/access';
import { withDatabase } from '@/lib/db-unavailable';
import { withApiAccess } from '@/server/auth/api-access';
import { fhirExportResponse } from '@/server/fhir-export';

/** GET /api/v1/cohorts/CODE/fhir — the cohort as a FHIR R4 Bundle (docs/fhir.md); coordinators (their sites) and admins, as the CSV export. */
export const GET = withDatabase('GET /api/v1/cohorts/fhir', withApiAccess('Sign in first.', async (access, _request: Request, { params }: { params: Promise<{ code: string }> }) => {
  if (!canImport(access.role)) return problemResponse(404, 'Not found.');
  const { code } = await params;
  const siteIds = access.role === 'admin' ? undefined : access.siteIds;
  const db = await getDb();
  const data = await fhirCohortData(db, { cohortCode: code, siteIds });
  if (!data) return problemResponse(404, `No cohort ${code}.`);
  return fhirExportResponse(db, data, { actorId: access.userId, entity: 'cohort', entityId: data.cohort.id, siteIds: siteIds ?? 'all' }, `${data.cohort.code}-fhir.json`);
}));
