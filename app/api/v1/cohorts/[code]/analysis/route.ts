import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { canExportAnalysis } from '@/lib/auth/access';
import { withDatabase } from '@/lib/db-unavailable';
import { analysisZip, exportAnalysis } from '@/server/analysis-export';
import { withApiAccess } from '@/server/auth/api-access';

/**
 * GET /api/v1/cohorts/CODE/analysis — the cohort's analysis files (long, wide, dictionary, R
 * and Stata scripts; docs/analysis-exports.md) as a zip, over the caller's sites (an admin's:
 * every site).
 */
export const GET = withDatabase('GET /api/v1/cohorts/analysis', withApiAccess('Sign in first.', async (access, _request: Request, { params }: { params: Promise<{ code: string }> }) => {
  if (!canExportAnalysis(access.role)) return problemResponse(404, 'Not found.');
  const { code } = await params;
  const exported = await exportAnalysis(await getDb(), {
    cohortCode: code,
    siteIds: access.role === 'admin' ? undefined : access.siteIds,
    actorId: access.userId,
  });
  if (!exported) return problemResponse(404, `No cohort ${code}.`);
  const name = `${code}-analysis.zip`.replace(/[^\w.-]/g, '_');
  return new Response(new Uint8Array(analysisZip(exported.files)), {
    headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
  });
}));
