import { getDb } from '@/db/client';
import { exportCohort } from '@/db/queries/export';
import { canImport } from '@/lib/auth/access';
import { withApiAccess } from '@/server/auth/api-access';
import { NotFoundError } from '@/lib/errors';
import { withDatabase } from '@/lib/db-unavailable';
import { INTERCHANGE_FILES } from '@/lib/interchange';

/** `file=` names a file by its name without .csv: patients, visits, adverse_events, relapses. */
const FILES = new Map(INTERCHANGE_FILES.map((f) => [f.file.replace(/\.csv$/, ''), f]));

/** GET /api/v1/cohorts/CODE/export?file=patients|visits|adverse_events|relapses — coordinators (their sites) and admins. */
export const GET = withDatabase('GET /api/v1/cohorts/export', withApiAccess('Sign in first.', async (access, request: Request, { params }: { params: Promise<{ code: string }> }) => {
  if (!canImport(access.role)) return Response.json({ error: 'Not found.' }, { status: 404 });
  const { code } = await params;
  const file = FILES.get(new URL(request.url).searchParams.get('file') ?? '');
  if (!file) return Response.json({ error: `file must be one of ${[...FILES.keys()].join(', ')}` }, { status: 400 });
  try {
    const files = await exportCohort(await getDb(), {
      cohortCode: code,
      siteIds: access.role === 'admin' ? undefined : access.siteIds,
      actorId: access.userId,
    });
    const name = `${code}-${file.file}`.replace(/[^\w.-]/g, '_');
    return new Response(files[file.key], { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } });
  } catch (e) {
    if (e instanceof NotFoundError) return Response.json({ error: `No cohort ${code}.` }, { status: 404 });
    throw e;
  }
}));
