import type { Metadata } from 'next';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { listVisits } from '@/db/queries/visits';
import { patientForWriting } from '@/server/patient-page';
import { label } from '@/lib/codes';
import { todayIso } from '@/lib/dates';
import { newVisitFormValues } from '../form-values';
import { visitContext } from '../visit-context';
import { VisitForm } from '../visit-form';

export const metadata: Metadata = { title: 'New visit' };

export default async function NewVisitPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const { access, db, patient: p, locked } = await patientForWriting(patientId);
  const visits = await listVisits(db, { patientId, siteIds: access.siteIds });
  const baseline = visits.find((v) => v.visitType === 'baseline');
  const today = todayIso();
  // The dose runs on from the last visit while the JAK inhibitor does; once stopped, a visit records none.
  const lastDose = p.jakiStopDate && p.jakiStopDate < today ? null : (visits.at(-1)?.jakiDoseMgDay ?? p.jakiDoseMgDay);
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>New visit for {p.code}</>}>
        {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day since {p.jakiStartDate}
        {p.jakiStopDate ? `, stopped ${p.jakiStopDate}` : ''}
        {baseline ? ` · baseline ${baseline.visitDate}` : ' · no baseline yet'}
      </PageHead>
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <VisitForm
          mode={{ kind: 'create', patientId }}
          defaultValues={newVisitFormValues({ today, hasBaseline: Boolean(baseline), jakiDoseMgDay: lastDose })}
          context={visitContext(p, visits)}
        />
      )}
    </>
  );
}
