import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { canChangeReportSettings } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { makeReport } from '@/server/make-report';
import { ImacsSection } from './imacs-section';
import { AdverseEventsSection, BaselineSection, FigureSection, MethodsSection, OutcomesSection, RelapsesSection, TrajectorySection } from './sections';

export const metadata: Metadata = { title: 'Cohort report' };

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ site?: string }>;
}) {
  const access = await requireAccess();
  const { code: rawCode } = await params;
  const code = decodeURIComponent(rawCode);
  const { site = '' } = await searchParams;
  const db = await getDb();
  const sites = await listSites(db, { siteIds: access.siteIds });
  const chosen = sites.find((s) => s.code === site) ?? null;
  const report = await makeReport(db, { cohortCode: code, siteIds: access.siteIds, siteCode: chosen?.code ?? null });
  if (!report) notFound();
  const query = chosen ? `&site=${encodeURIComponent(chosen.code)}` : '';
  const api = `/api/v1/cohorts/${encodeURIComponent(code)}/report?format=`;

  return (
    <>
      <div className="page-head">
        <div>
          <p>
            <Link href="/cohorts">← Cohorts</Link>
          </p>
          <h1>
            Cohort {report.cohort}
            {chosen ? `, ${chosen.code}` : ''}
          </h1>
          <p className="muted">
            {report.patients} patients · as of {report.as_of}
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`${api}csv${query}`}>Download CSV</a>
          <a className="button" href={`${api}pdf${query}`}>Download PDF</a>
          <a className="button" href={`${api}json${query}`}>JSON</a>
          {canChangeReportSettings(access.role) && (
            <Link className="button" href={`/cohorts/${encodeURIComponent(code)}/settings`}>
              Report settings
            </Link>
          )}
        </div>
      </div>
      {sites.length > 1 && (
        <form className="search" action="">
          <label htmlFor="site">Site</label>
          <select id="site" name="site" defaultValue={chosen?.code ?? ''}>
            <option value="">All my sites</option>
            {sites.map((x) => (
              <option key={x.id} value={x.code}>
                {x.code} · {x.name}
              </option>
            ))}
          </select>
          <button type="submit">Show</button>
        </form>
      )}

      <BaselineSection report={report} />
      <TrajectorySection report={report} />
      <FigureSection report={report} site={chosen?.code ?? null} />
      <OutcomesSection report={report} />
      <ImacsSection report={report} />
      <AdverseEventsSection report={report} />
      <RelapsesSection report={report} />
      <MethodsSection report={report} />
    </>
  );
}
