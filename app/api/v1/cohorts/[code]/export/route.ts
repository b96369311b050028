import { strToU8, zipSync } from 'fflate';
import { getDb } from '@/db/client';
import { exportCohort } from '@/db/queries/export';
import { exportQuerySchema } from '@/lib/api/parameters';
import { problemResponse } from '@/lib/api/problem';
import { parseQuery } from '@/lib/api/request';
import { canImport } from '@/lib/auth/access';
import { withDatabase } from '@/lib/db-unavailable';
import { NotFoundError } from '@/lib/errors';
import { INTERCHANGE_FILES } from '@/lib/interchange';
import { withApiAccess } from '@/server/auth/api-access';

/**
 * GET /api/v1/cohorts/CODE/export[?file=patients|visits|adverse_events|relapses] — the
 * cohort's four CSV files (docs/interchange.md) as a zip, or the one asked for; coordinators
 * (their sites) and admins.
 */
export const GET = withDatabase('GET /api/v1/cohorts/export', withApiAccess('Sign in first.', async (access, request: Request, { params }: { params: Promise<{ code: string }> }) => {
  if (!canImport(access.role)) return problemResponse(404, 'Not found.');
  const { code } = await params;
  const parsed = parseQuery(request, exportQuerySchema);
  if ('refusal' in parsed) return parsed.refusal;
  const asked = parsed.query.file;
  try {
    const files = await exportCohort(await getDb(), {
      cohortCode: code,
      siteIds: access.role === 'admin' ? undefined : access.siteIds,
      actorId: access.userId,
    });
    const safe = (name: string) => name.replace(/[^\w.-]/g, '_');
    const one = INTERCHANGE_FILES.find((f) => f.file === `${asked}.csv`);
    if (one)
      return new Response(files[one.key], { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${safe(`${code}-${one.file}`)}"` } });
    const zip = zipSync(Object.fromEntries(INTERCHANGE_FILES.map((f) => [f.file, strToU8(files[f.key])])), { level: 6 });
    return new Response(new Uint8Array(zip), { headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${safe(`${code}-export.zip`)}"` } });
  } catch (e) {
    if (e instanceof NotFoundError) return problemResponse(404, `No cohort ${code}.`);
    throw e;
  }
}));
