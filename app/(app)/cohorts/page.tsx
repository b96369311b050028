import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listCohortsWithCounts } from '@/db/queries/report';
import { canExportAnalysis, canImport } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { EXPORT_FILES } from '@/lib/api/parameters';

export const metadata: Metadata = { title: 'Cohorts' };

export default async function CohortsPage() {
  const access = await requireAccess();
  const cohorts = await listCohortsWithCounts(await getDb(), { siteIds: access.siteIds });
  const analysis = canExportAnalysis(access.role);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Cohorts</h1>
          <p className="muted">Trajectory reports in the published pilot&apos;s format, over the patients of your sites.</p>
          {analysis && (
            <p className="muted">
              Analysis files: long.csv (a row per visit), wide.csv (a row per patient, each measure at baseline, month 3, month 6 and final follow-up as the
              report chooses them), their dictionary, and scripts that read them into R and Stata.
            </p>
          )}
        </div>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">Patients at your sites</th>
              <th scope="col">Status</th>
              <th scope="col">Report</th>
              {canImport(access.role) && <th scope="col">Export (CSV)</th>}
              {analysis && <th scope="col">Analysis files</th>}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.id}>
                <td>{c.code}</td>
                <td>{c.name}</td>
                <td className="num">{c.patients}</td>
                <td>{c.lockedAt ? <span className="badge warn">locked {c.lockedAt.toISOString().slice(0, 10)}</span> : <span className="badge ok">open</span>}</td>
                <td>
                  <Link href={`/cohorts/${encodeURIComponent(c.code)}/report`}>Report for {c.code}</Link>
                </td>
                {canImport(access.role) && (
                  <td>
                    <a href={`/api/v1/cohorts/${encodeURIComponent(c.code)}/export`} download style={{ marginRight: '0.8rem' }}>
                      All four (zip)
                    </a>
                    {EXPORT_FILES.map((f) => (
                      <a key={f} href={`/api/v1/cohorts/${encodeURIComponent(c.code)}/export?file=${f}`} style={{ marginRight: '0.8rem' }}>
                        {f}.csv
                      </a>
                    ))}
                  </td>
                )}
                {analysis && (
                  <td>
                    <a href={`/api/v1/cohorts/${encodeURIComponent(c.code)}/analysis`} download>
                      {c.code}-analysis.zip
                    </a>
                  </td>
                )}
              </tr>
            ))}
            {cohorts.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No cohorts yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
