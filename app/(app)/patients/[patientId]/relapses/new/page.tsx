import type { Metadata } from 'next';
import { PageHead } from '@/components/PageHead';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { todayIso } from '@/lib/dates';
import { newRelapseValues } from '../form-values';
import { NewRelapseForm } from '../relapse-form';

export const metadata: Metadata = { title: 'New relapse' };

export default async function NewRelapsePage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const access = await requireAccess();
  const found = await getPatient(await getDb(), { patientId, siteIds: access.siteIds });
  if (!found || !canWriteClinical(access.role)) notFound();
  const p = found.patient;
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: p.code }} title={<>New relapse for {p.code}</>} />
      <NewRelapseForm patientId={patientId} defaultValues={newRelapseValues(todayIso())} />
    </>
  );
}
