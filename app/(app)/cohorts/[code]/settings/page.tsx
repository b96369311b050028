import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { getCohortSettings } from '@/db/queries/cohort-settings';
import { canChangeReportSettings } from '@/lib/auth/access';
import { settingsFormValues } from '@/lib/schemas/report-settings';
import { requireAccess } from '@/server/auth/session';
import { ReportSettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Report settings' };

export default async function ReportSettingsPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const cohortCode = decodeURIComponent(code);
  const access = await requireAccess();
  if (!canChangeReportSettings(access.role)) notFound();
  const found = await getCohortSettings(await getDb(), cohortCode);
  if (!found) notFound();
  return (
    <>
      <PageHead back={{ href: `/cohorts/${encodeURIComponent(found.code)}/report`, label: `Report for ${found.code}` }} title={<>Report settings of {found.code}</>}>
        {found.changed ? `Version ${found.version}` : 'The defaults, never changed'} · every site&apos;s report of this cohort uses them
      </PageHead>
      <ReportSettingsForm cohortCode={found.code} defaultValues={settingsFormValues(found.settings, found.version)} />
    </>
  );
}
