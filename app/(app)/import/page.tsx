import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { latestImports } from '@/db/queries/import-history';
import { listUsers } from '@/db/queries/users';
import { timeText } from '@/lib/dates';
import { requireRole } from '@/server/auth/session';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  const access = await requireRole(['coordinator', 'admin']);
  const db = await getDb();
  const past = await latestImports(db, access.userId);
  // An admin's import may create sites: its result then offers to give users access to them.
  const grantable =
    access.role === 'admin'
      ? (await listUsers(db))
          .filter((u) => u.role !== 'admin' && !u.deactivatedAt)
          .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, siteCodes: u.siteCodes }))
      : [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Import a cohort</h1>
          <p className="muted">
            The four CSV files of the interchange format (only patients.csv is required). All or nothing: every problem is listed as file:line: column, and nothing is
            written while any remains.{access.role === 'admin' ? '' : ' Rows must belong to your sites.'}
          </p>
        </div>
      </div>
      <ImportForm grantable={grantable} />
      {past.length > 0 && (
        <section className="panel" aria-labelledby="past-imports" style={{ marginTop: '1rem' }}>
          <h2 id="past-imports">Your latest imports</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Cohort</th>
                  <th scope="col">Imported</th>
                  <th scope="col">New sites</th>
                </tr>
              </thead>
              <tbody>
                {past.map((p, i) => (
                  <tr key={i}>
                    <td>
                      <time dateTime={p.at.toISOString()}>{timeText(p.at)}</time>
                    </td>
                    <td>
                      <Link href={`/cohorts/${encodeURIComponent(p.cohortCode)}/report`}>{p.cohortCode}</Link>
                    </td>
                    <td>{p.summary}</td>
                    <td>{p.createdSites.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
