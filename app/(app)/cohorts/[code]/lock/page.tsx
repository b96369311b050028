import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { getCohortLock } from '@/db/queries/cohort-lock';
import { canLockCohort } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { LockedBanner } from './locked-banner';
import { CohortLockForm } from './lock-form';

export const metadata: Metadata = { title: 'Lock for analysis' };

export default async function CohortLockPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const access = await requireAccess();
  if (!canLockCohort(access.role)) notFound();
  const found = await getCohortLock(await getDb(), decodeURIComponent(code));
  if (!found) notFound();
  return (
    <>
      <PageHead back={{ href: `/cohorts/${encodeURIComponent(found.code)}/report`, label: `Report for ${found.code}` }} title={<>Lock {found.code} for analysis</>}>
        While a cohort is locked, no record of its patients can be added, changed or voided, at any site, by a form or an import.
      </PageHead>
      {found.lock && <LockedBanner lock={found.lock} />}
      <CohortLockForm cohortCode={found.code} locked={found.lock !== null} />
    </>
  );
}
