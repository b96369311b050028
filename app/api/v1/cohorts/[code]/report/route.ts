import { recordExport } from '@/db/audit';
import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { withApiAccess } from '@/server/auth/api-access';
import { makeGroupedReport, makeReport } from '@/server/make-report';
import { REPORT_GROUPINGS, type ReportGrouping } from '@/lib/cohort/groups';
import { withDatabase } from '@/lib/db-unavailable';
import { REPORT_FORMATS, reportDocument, reportJson, type ReportFormat } from '@/server/report-file';

function fileName(cohort: string, site: string | null, by: string | null, ext: string) {
  return `report-${cohort}${site ? `-${site}` : ''}${by ? `-by-${by}` : ''}.${ext}`.replace(/[^\w.-]/g, '_');
}

/**
 * GET /api/v1/cohorts/CODE/report?format=json|csv|pdf|docx&site=SITE[&include=patients][&by=drug|antibody|site]
 * — the signed-in user's sites only. The JSON is the summary unless `include=patients` asks for
 * the per-patient trajectories and IMACS rows too. `by` splits the report into subgroups of
 * patients, beside all of them (docs/report.md, "Subgroups").
 */
export const GET = withDatabase('GET /api/v1/cohorts/report', withApiAccess('Sign in to read reports.', async (access, request: Request, { params }: { params: Promise<{ code: string }> }) => {
  const { code } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get('format') ?? 'json';
  if (!REPORT_FORMATS.includes(format as ReportFormat))
    return Response.json({ error: `format must be one of ${REPORT_FORMATS.join(', ')}` }, { status: 400 });
  const site = url.searchParams.get('site') || null;
  const include = url.searchParams.get('include');
  if (include !== null && include !== 'patients') return Response.json({ error: 'include must be patients' }, { status: 400 });
  const by = url.searchParams.get('by') || null;
  if (by !== null && !REPORT_GROUPINGS.includes(by as ReportGrouping))
    return Response.json({ error: `by must be one of ${REPORT_GROUPINGS.join(', ')}` }, { status: 400 });
  const db = await getDb();
  if (site && !(await listSites(db, { siteIds: access.siteIds })).some((s) => s.code === site))
    return Response.json({ error: `No site ${site} among your sites.` }, { status: 404 });
  const args = { cohortCode: code, siteIds: access.siteIds, siteCode: site };
  const grouped = by ? await makeGroupedReport(db, { ...args, by: by as ReportGrouping }) : null;
  const report = grouped ? grouped.all : await makeReport(db, args);
  if (!report) return Response.json({ error: `No cohort ${code}.` }, { status: 404 });

  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: report.cohort, details: { format, site, include, by } });
  if (format === 'json') return Response.json(reportJson(report, grouped, include === 'patients'));
  const { body, contentType } = await reportDocument(report, grouped, format as Exclude<ReportFormat, 'json'>);
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName(report.cohort, site, by, format)}"` },
  });
}));
