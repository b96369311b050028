import { recordExport } from '@/db/audit';
import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { getAccess } from '@/server/auth/session';
import { makeReport } from '@/server/make-report';
import { reportSummary } from '@/lib/cohort/report';
import { reportCsv } from '@/lib/documents/report-csv';
import { reportPdf } from '@/lib/documents/report-pdf';
import { withDatabase } from '@/lib/db-unavailable';

const FORMATS = ['json', 'csv', 'pdf'] as const;

function fileName(cohort: string, site: string | null, ext: string) {
  return `report-${cohort}${site ? `-${site}` : ''}.${ext}`.replace(/[^\w.-]/g, '_');
}

/**
 * GET /api/v1/cohorts/CODE/report?format=json|csv|pdf&site=SITE[&include=patients] — the
 * signed-in user's sites only. The JSON is the summary unless `include=patients` asks for the
 * per-patient trajectories and IMACS rows too.
 */
export const GET = withDatabase('GET /api/v1/cohorts/report', async (request: Request, { params }: { params: Promise<{ code: string }> }) => {
  const access = await getAccess();
  if (!access) return Response.json({ error: 'Sign in to read reports.' }, { status: 401 });
  const { code } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'json';
  if (!FORMATS.includes(format as (typeof FORMATS)[number]))
    return Response.json({ error: `format must be one of ${FORMATS.join(', ')}` }, { status: 400 });
  const site = url.searchParams.get('site') || null;
  const include = url.searchParams.get('include');
  if (include !== null && include !== 'patients') return Response.json({ error: 'include must be patients' }, { status: 400 });
  const db = await getDb();
  if (site && !(await listSites(db, { siteIds: access.siteIds })).some((s) => s.code === site))
    return Response.json({ error: `No site ${site} among your sites.` }, { status: 404 });
  const report = await makeReport(db, { cohortCode: code, siteIds: access.siteIds, siteCode: site });
  if (!report) return Response.json({ error: `No cohort ${code}.` }, { status: 404 });

  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: report.cohort, details: { format, site, include } });
  if (format === 'json') return Response.json(include ? report : reportSummary(report));
  const disposition = (ext: string) => `attachment; filename="${fileName(report.cohort, site, ext)}"`;
  if (format === 'csv')
    return new Response(reportCsv(report), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': disposition('csv') } });
  const pdf = await reportPdf(report);
  return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': disposition('pdf') } });
});
