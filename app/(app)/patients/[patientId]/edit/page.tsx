import type { Metadata } from 'next';
import { PageHead } from '@/components/PageHead';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { listCohorts, listSites } from '@/db/queries/sites';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { VoidForm } from '@/components/form/VoidForm';
import { voidPatientAction } from '../../actions';
import { patientFormValues } from '../../form-values';
import { EditPatientForm } from '../../patient-form';

export const metadata: Metadata = { title: 'Edit patient' };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const access = await requireAccess();
  const db = await getDb();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found || !canWriteClinical(access.role)) notFound();
  const [sites, cohorts] = await Promise.all([listSites(db, { siteIds: access.siteIds }), listCohorts(db)]);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: found.patient.code }} title={<>Edit patient {found.patient.code}</>} />
      <EditPatientForm patientId={patientId} sites={sites} cohorts={cohorts} defaultValues={patientFormValues(found.patient)} />
      <VoidForm what="patient" version={found.patient.version} action={voidPatientAction.bind(null, patientId)} redirectTo="/patients" />
    </>
  );
}
