import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listUsers } from '@/db/queries/users';
import { requireRole } from '@/server/auth/session';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  const access = await requireRole(['coordinator', 'admin']);
  // An admin's import may create sites: its result then offers to give users access to them.
  const grantable =
    access.role === 'admin'
      ? (await listUsers(await getDb()))
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
    </>
  );
}
