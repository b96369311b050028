import type { Metadata } from 'next';
import { HistoryPage } from '@/app/(app)/history-page';

export const metadata: Metadata = { title: 'Relapse history' };

export default async function RelapseHistory({ params }: { params: Promise<{ patientId: string; relapseId: string }> }) {
  const { patientId, relapseId } = await params;
  return <HistoryPage entity="relapse" patientId={patientId} id={relapseId} title="Relapse history" back={{ href: `/patients/${patientId}`, label: 'Patient' }} />;
}
