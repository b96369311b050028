import type { Metadata } from 'next';
import { RaiseQueryPage } from '@/app/(app)/queries/raise-page';

export const metadata: Metadata = { title: 'Raise a query' };

export default async function Page({ params, searchParams }: { params: Promise<{ patientId: string; visitId: string }>; searchParams: Promise<{ field?: string }> }) {
  const { patientId, visitId } = await params;
  const { field } = await searchParams;
  return <RaiseQueryPage entity="visit" id={visitId} patientId={patientId} field={typeof field === 'string' ? field : undefined} />;
}
