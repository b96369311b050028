import type { Metadata } from 'next';
import { requireRole } from '@/server/auth/session';
import { ImportForm } from './import-form';

export const metadata: Metadata = { title: 'Import' };

export default async function ImportPage() {
  const access = await requireRole(['coordinator', 'admin']);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Import a cohort</h1>
          <p className="muted">
            The three CSV files of the interchange format. All or nothing: every problem is listed as file:line: column, and nothing is
            written while any remains.{access.role === 'admin' ? '' : ' Rows must belong to your sites.'}
          </p>
        </div>
      </div>
      <ImportForm />
    </>
  );
}
