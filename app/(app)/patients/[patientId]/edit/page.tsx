import type { Metadata } from 'next';
import { FormQueries } from '@/components/queries/FieldQueries';
import { formQueries } from '@/server/form-queries';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { listCohorts, listSites } from '@/db/queries/sites';
import { patientForWriting } from '@/server/patient-page';
import { VoidForm } from '@/components/form/VoidForm';
import { voidPatientAction } from '../../actions';
import { patientFormValues } from '../../form-values';
import { EditPatientForm } from '../../patient-form';

export const metadata: Metadata = { title: 'Edit patient' };

export default async function EditPatientPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ query?: string }> }) {
  const { patientId } = await params;
  const { query } = await searchParams;
  const { access, db, patient: p, locked } = await patientForWriting(patientId);
  const [sites, cohorts, shown] = await Promise.all([
    listSites(db, { siteIds: access.siteIds }),
    listCohorts(db),
    formQueries(db, { siteIds: access.siteIds, patientId, recordId: patientId, query }),
  ]);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>Edit patient {p.code}</>} />
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <>
          <FormQueries {...shown}>
            <EditPatientForm patientId={patientId} sites={sites} cohorts={cohorts} defaultValues={patientFormValues(p)} answering={shown.answering} />
          </FormQueries>
          <VoidForm what="patient" version={p.version} action={voidPatientAction.bind(null, patientId)} redirectTo="/patients" />
        </>
      )}
    </>
  );
}
