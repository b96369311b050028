import type { Metadata } from 'next';
import { HistoryPage } from '@/app/(app)/history-page';

export const metadata: Metadata = { title: 'Visit history' };

export default async function VisitHistory({ params }: { params: Promise<{ patientId: string; visitId: string }> }) {
  const { patientId, visitId } = await params;
  return <HistoryPage entity="visit" patientId={patientId} id={visitId} title="Visit history" back={{ href: `/patients/${patientId}`, label: 'Patient' }} />;
}
