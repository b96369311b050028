import { PageHead } from '@/components/PageHead';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { recordHistory, type HistoryEntity } from '@/db/queries/history';
import { recordName } from '@/lib/audit/describe';
import { canReview } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { HistoryTable } from '@/components/HistoryTable';

/**
 * The history page of one record of the user's sites; not-found otherwise, and for a visit or
 * an adverse event under a patient it is not of.
 */
export async function HistoryPage({
  entity,
  id,
  patientId,
  title,
  back,
}: {
  entity: HistoryEntity;
  id: string;
  patientId?: string;
  title: string;
  back: { href: string; label: string };
}) {
  const access = await requireAccess();
  const history = await recordHistory(await getDb(), { siteIds: access.siteIds, entity, id, patientId });
  if (!history) notFound();
  return (
    <>
      <PageHead back={back} title={title}>
        {recordName(history.record).text} · every version, from the audit trail; times in UTC.
      </PageHead>
      <HistoryTable entity={entity} entries={history.entries} names={history.names} auditTrail={canReview(access.role)} />
    </>
  );
}
