import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getCohortLock } from '@/db/queries/cohort-lock';
import { listCohortSites } from '@/db/queries/sites';
import { canChangeReportSettings, canLockCohort } from '@/lib/auth/access';
import { GROUPING_LABELS, REPORT_GROUPINGS } from '@/lib/cohort/groups';
import { requireAccess } from '@/server/auth/session';
import { makeGroupedReport, makeReport } from '@/server/make-report';
import { LockedBanner } from '../lock/locked-banner';
import { ImacsSection } from './imacs-section';
import {
  AdverseEventsSection,
  BaselineSection,
  FigureSection,
  GroupTrajectoriesSection,
  MethodsSection,
  OutcomesSection,
  RelapsesSection,
  TrajectorySection,
} from './sections';

export const metadata: Metadata = { title: 'Cohort report' };

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export default async function ReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ site?: string; by?: string }>;
}) {
  const access = await requireAccess();
  const { code: rawCode } = await params;
  const code = decodeURIComponent(rawCode);
  const { site = '', by: rawBy = '' } = await searchParams;
  const db = await getDb();
  const sites = await listCohortSites(db, { cohortCode: code, siteIds: access.siteIds });
  const chosen = sites.find((s) => s.code === site) ?? null;
  // Like an unknown site, an unknown split shows the report unsplit.
  const by = REPORT_GROUPINGS.find((g) => g === rawBy) ?? null;
  const args = { cohortCode: code, siteIds: access.siteIds, siteCode: chosen?.code ?? null };
  const grouped = by ? await makeGroupedReport(db, { ...args, by }) : null;
  const report = grouped ? grouped.all : await makeReport(db, args);
  if (!report) notFound();
  const lock = (await getCohortLock(db, code))?.lock ?? null;
  const query = `${chosen ? `&site=${encodeURIComponent(chosen.code)}` : ''}${by ? `&by=${by}` : ''}`;
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
          <a className="button" href={`${api}docx${query}`}>Download Word</a>
          <a className="button" href={`${api}json${query}`}>JSON</a>
          {canChangeReportSettings(access.role) && (
            <Link className="button" href={`/cohorts/${encodeURIComponent(code)}/settings`}>
              Report settings
            </Link>
          )}
          {canLockCohort(access.role) && (
            <Link className="button" href={`/cohorts/${encodeURIComponent(code)}/lock`}>
              {lock ? 'Unlock' : 'Lock for analysis'}
            </Link>
          )}
        </div>
      </div>
      {lock && <LockedBanner lock={lock} />}
      <form className="search" action="">
        {sites.length > 1 && (
          <span className="pair">
            <label htmlFor="site">Site</label>
            <select id="site" name="site" defaultValue={chosen?.code ?? ''}>
              <option value="">All my sites</option>
              {sites.map((x) => (
                <option key={x.id} value={x.code}>
                  {x.code} · {x.name}
                </option>
              ))}
            </select>
          </span>
        )}
        <span className="pair">
          <label htmlFor="by">Split by</label>
          <select id="by" name="by" defaultValue={by ?? ''}>
            <option value="">None</option>
            {REPORT_GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {capitalised(GROUPING_LABELS[g])}
              </option>
            ))}
          </select>
        </span>
        <button type="submit">Show</button>
      </form>

      <BaselineSection report={report} />
      <TrajectorySection report={report} />
      {grouped && <GroupTrajectoriesSection grouped={grouped} />}
      <FigureSection report={report} site={chosen?.code ?? null} />
      <OutcomesSection report={report} />
      <ImacsSection report={report} />
      <AdverseEventsSection report={report} />
      <RelapsesSection report={report} />
      <MethodsSection report={report} />
    </>
  );
}
