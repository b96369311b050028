import type { Metadata } from 'next';
import { PageHead } from '@/components/PageHead';
import { listCohorts, listSites } from '@/db/queries/sites';
import { patientForWriting } from '@/server/patient-page';
import { VoidForm } from '@/components/form/VoidForm';
import { voidPatientAction } from '../../actions';
import { patientFormValues } from '../../form-values';
import { EditPatientForm } from '../../patient-form';

export const metadata: Metadata = { title: 'Edit patient' };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const { access, db, patient: p } = await patientForWriting(patientId);
  const [sites, cohorts] = await Promise.all([listSites(db, { siteIds: access.siteIds }), listCohorts(db)]);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>Edit patient {p.code}</>} />
      <EditPatientForm patientId={patientId} sites={sites} cohorts={cohorts} defaultValues={patientFormValues(p)} />
      <VoidForm what="patient" version={p.version} action={voidPatientAction.bind(null, patientId)} redirectTo="/patients" />
    </>
  );
}
