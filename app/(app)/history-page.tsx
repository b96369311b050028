import { PageHead } from '@/components/PageHead';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { recordHistory, type HistoryEntity } from '@/db/queries/history';
import { patientSignatures } from '@/db/queries/signatures';
import { recordName } from '@/lib/audit/describe';
import { canReview } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { HistoryTable } from '@/components/HistoryTable';
import { SignatureList } from '@/components/SignatureList';

/**
 * The history page of one record of the user's sites; not-found otherwise, and for a visit or
 * an adverse event under a patient it is not of. A visit's and a patient's (their casebook's)
 * signatures are shown above it.
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
  const db = await getDb();
  const history = await recordHistory(db, { siteIds: access.siteIds, entity, id, patientId });
  if (!history) notFound();
  const signable = entity === 'visit' || entity === 'patient';
  const signatures =
    signable && history.record.patientId
      ? (await patientSignatures(db, { siteIds: access.siteIds, patientId: history.record.patientId })).filter((s) => s.kind === entity && s.recordId === id)
      : [];
  return (
    <>
      <PageHead back={back} title={title}>
        {recordName(history.record).text} · every version, from the audit trail; times in UTC.
      </PageHead>
      {signable && (
        <section className="panel" aria-labelledby="signed">
          <h2 id="signed">{entity === 'patient' ? 'Casebook signatures' : 'Signatures'}</h2>
          <SignatureList signatures={signatures} empty="Not signed." />
        </section>
      )}
      <HistoryTable entity={entity} entries={history.entries} names={history.names} auditTrail={canReview(access.role)} />
    </>
  );
}
