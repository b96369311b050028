import type { Metadata } from 'next';
import Link from 'next/link';
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
      <div className="page-head">
        <div>
          <p>
            <Link href={`/patients/${patientId}`}>← {p.code}</Link>
          </p>
          <h1>New adverse event for {p.code}</h1>
          <p className="muted">
            {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day since {p.jakiStartDate}
          </p>
        </div>
      </div>
      <NewAdverseEventForm
        patientId={patientId}
        defaultValues={newAdverseEventValues(todayIso())}
        patientDeathDate={p.deathDate}
        patientJakiStopped={Boolean(p.jakiStopDate)}
      />
    </>
  );
}
