import { recordExport } from '@/db/audit';
import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { figureQuerySchema } from '@/lib/api/parameters';
import { problemResponse } from '@/lib/api/problem';
import { parseQuery } from '@/lib/api/request';
import { withDatabase } from '@/lib/db-unavailable';
import { FIGURE_NAMES, isFigureName, reportFigure } from '@/lib/figures';
import { withApiAccess } from '@/server/auth/api-access';
import { figurePng } from '@/server/figure-png';
import { makeReport } from '@/server/make-report';

function fileName(cohort: string, site: string | null, name: string, ext: string) {
  return `figure-${cohort}${site ? `-${site}` : ''}-${name}.${ext}`.replace(/[^\w.-]/g, '_');
}

/**
 * GET /api/v1/cohorts/CODE/figures/NAME?format=svg|png&site=SITE — one figure of the cohort
 * report (lib/figures), as SVG or as a 300-dpi PNG, over the signed-in user's sites like the
 * report itself, and written to the audit trail as an export of the report.
 */
export const GET = withDatabase('GET /api/v1/cohorts/figures', withApiAccess('Sign in to read reports.', async (access, request: Request, { params }: { params: Promise<{ code: string; name: string }> }) => {
  const { code, name } = await params;
  if (!isFigureName(name)) return problemResponse(404, `No figure ${name}: the figures are ${FIGURE_NAMES.join(', ')}.`);
  const parsed = parseQuery(request, figureQuerySchema);
  if ('refusal' in parsed) return parsed.refusal;
  const { format } = parsed.query;
  const site = parsed.query.site ?? null;
  const db = await getDb();
  if (site && !(await listSites(db, { siteIds: access.siteIds })).some((s) => s.code === site))
    return problemResponse(404, `No site ${site} among your sites.`);
  const report = await makeReport(db, { cohortCode: code, siteIds: access.siteIds, siteCode: site });
  if (!report) return problemResponse(404, `No cohort ${code}.`);

  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: report.cohort, details: { figure: name, format, site } });
  const figure = reportFigure(report, name);
  const disposition = `attachment; filename="${fileName(report.cohort, site, name, format)}"`;
  if (format === 'svg')
    return new Response(figure.svg, { headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'content-disposition': disposition } });
  return new Response(new Uint8Array(figurePng(figure.svg, figure.widthIn)), { headers: { 'content-type': 'image/png', 'content-disposition': disposition } });
}));
