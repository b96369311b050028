import type { Metadata } from 'next';
import { HistoryPage } from '@/app/(app)/history-page';

export const metadata: Metadata = { title: 'Patient history' };

export default async function PatientHistory({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  return <HistoryPage entity="patient" id={patientId} title="Patient record history" back={{ href: `/patients/${patientId}`, label: 'Patient' }} />;
}
