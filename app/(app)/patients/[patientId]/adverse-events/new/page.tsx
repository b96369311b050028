import type { Metadata } from 'next';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { patientForWriting } from '@/server/patient-page';
import { label } from '@/lib/codes';
import { todayIso } from '@/lib/dates';
import { NewAdverseEventForm } from '../ae-form';
import { newAdverseEventValues } from '../form-values';

export const metadata: Metadata = { title: 'New adverse event' };

export default async function NewAdverseEventPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const { patient: p, locked } = await patientForWriting(patientId);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>New adverse event for {p.code}</>}>
        {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day since {p.jakiStartDate}
      </PageHead>
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <NewAdverseEventForm
          patientId={patientId}
          defaultValues={newAdverseEventValues(todayIso())}
          patientDeathDate={p.deathDate}
          patientJakiStopped={Boolean(p.jakiStopDate)}
        />
      )}
    </>
  );
}
