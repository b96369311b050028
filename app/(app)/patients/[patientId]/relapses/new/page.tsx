import type { Metadata } from 'next';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { patientForWriting } from '@/server/patient-page';
import { todayIso } from '@/lib/dates';
import { newRelapseValues } from '../form-values';
import { NewRelapseForm } from '../relapse-form';

export const metadata: Metadata = { title: 'New relapse' };

export default async function NewRelapsePage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const { patient: p, locked } = await patientForWriting(patientId);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>New relapse for {p.code}</>} />
      {locked ? <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} /> : <NewRelapseForm patientId={patientId} defaultValues={newRelapseValues(todayIso())} />}
    </>
  );
}
