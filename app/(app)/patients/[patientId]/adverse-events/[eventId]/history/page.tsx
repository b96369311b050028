import type { Metadata } from 'next';
import { HistoryPage } from '@/app/(app)/history-page';

export const metadata: Metadata = { title: 'Adverse event history' };

export default async function AdverseEventHistory({ params }: { params: Promise<{ patientId: string; eventId: string }> }) {
  const { patientId, eventId } = await params;
  return <HistoryPage entity="adverse_event" patientId={patientId} id={eventId} title="Adverse event history" back={{ href: `/patients/${patientId}`, label: 'Patient' }} />;
}
