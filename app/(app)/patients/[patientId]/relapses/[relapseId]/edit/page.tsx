import type { Metadata } from 'next';
import { FormQueries } from '@/components/queries/FieldQueries';
import { formQueries } from '@/server/form-queries';
import Link from 'next/link';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { cohortLockOf } from '@/server/patient-page';
import { notFound } from 'next/navigation';
import { VoidForm } from '@/components/form/VoidForm';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { getRelapse } from '@/db/queries/relapses';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { label } from '@/lib/codes';
import { voidRelapseAction } from '../../actions';
import { relapseValues } from '../../form-values';
import { EditRelapseForm } from '../../relapse-form';

export const metadata: Metadata = { title: 'Edit relapse' };

export default async function EditRelapsePage({ params, searchParams }: { params: Promise<{ patientId: string; relapseId: string }>; searchParams: Promise<{ query?: string }> }) {
  const { patientId, relapseId } = await params;
  const { query } = await searchParams;
  const access = await requireAccess();
  const db = await getDb();
  const relapse = await getRelapse(db, { relapseId, siteIds: access.siteIds });
  if (!relapse || relapse.patientId !== patientId || !canWriteClinical(access.role)) notFound();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found) notFound();
  const locked = cohortLockOf(found);
  const shown = await formQueries(db, { siteIds: access.siteIds, patientId, recordId: relapseId, query });
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: found.patient.code }} title={<>Edit {label(relapse.domain).toLowerCase()} relapse of {relapse.relapseDate}</>}>
        Version {relapse.version} · <Link href={`/patients/${patientId}/relapses/${relapseId}/history`}>History</Link>
      </PageHead>
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <>
          <FormQueries {...shown}>
            <EditRelapseForm patientId={patientId} relapseId={relapseId} defaultValues={relapseValues(relapse)} answering={shown.answering} />
          </FormQueries>
          <VoidForm what="relapse" version={relapse.version} action={voidRelapseAction.bind(null, relapseId)} redirectTo={`/patients/${patientId}`} />
        </>
      )}
    </>
  );
}
