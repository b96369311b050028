import type { Metadata } from 'next';
import { PageHead } from '@/components/PageHead';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { label } from '@/lib/codes';
import { todayIso } from '@/lib/dates';
import { NewAdverseEventForm } from '../ae-form';
import { newAdverseEventValues } from '../form-values';

export const metadata: Metadata = { title: 'New adverse event' };

export default async function NewAdverseEventPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const access = await requireAccess();
  const found = await getPatient(await getDb(), { patientId, siteIds: access.siteIds });
  if (!found || !canWriteClinical(access.role)) notFound();
  const p = found.patient;
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>New adverse event for {p.code}</>}>
        {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day since {p.jakiStartDate}
      </PageHead>
      <NewAdverseEventForm
        patientId={patientId}
        defaultValues={newAdverseEventValues(todayIso())}
        patientDeathDate={p.deathDate}
        patientJakiStopped={Boolean(p.jakiStopDate)}
      />
    </>
  );
}
