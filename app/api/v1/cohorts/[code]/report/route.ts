import { recordExport } from '@/db/audit';
import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { reportQuerySchema } from '@/lib/api/parameters';
import { problemResponse } from '@/lib/api/problem';
import { parseQuery } from '@/lib/api/request';
import { withDatabase } from '@/lib/db-unavailable';
import { withApiAccess } from '@/server/auth/api-access';
import { makeGroupedReport, makeReport } from '@/server/make-report';
import { reportDocument, reportJson } from '@/server/report-file';

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
  const parsed = parseQuery(request, reportQuerySchema);
  if ('refusal' in parsed) return parsed.refusal;
  const { format, include, by } = parsed.query;
  const site = parsed.query.site ?? null;
  const db = await getDb();
  if (site && !(await listSites(db, { siteIds: access.siteIds })).some((s) => s.code === site))
    return problemResponse(404, `No site ${site} among your sites.`);
  const args = { cohortCode: code, siteIds: access.siteIds, siteCode: site };
  const grouped = by ? await makeGroupedReport(db, { ...args, by }) : null;
  const report = grouped ? grouped.all : await makeReport(db, args);
  if (!report) return problemResponse(404, `No cohort ${code}.`);

  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: report.cohort, details: { format, site, include: include ?? null, by: by ?? null } });
  if (format === 'json') return Response.json(reportJson(report, grouped, include === 'patients'));
  const { body, contentType } = await reportDocument(report, grouped, format);
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName(report.cohort, site, by ?? null, format)}"` },
  });
}));
