import { notFound } from 'next/navigation';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { recordHistory } from '@/db/queries/history';
import { recordName } from '@/lib/audit/describe';
import { canRaiseQuery, queryFields, type QueryEntity } from '@/lib/queries/rules';
import { requireAccess } from '@/server/auth/session';
import { RaiseForm } from './raise-form';

/**
 * The page that raises a query on one record of a patient of the raiser's sites (each record
 * kind's `…/query` route renders it); `field` preselects a field (?field=ckUL).
 */
export async function RaiseQueryPage({ entity, id, patientId, field }: { entity: QueryEntity; id: string; patientId: string; field: string | undefined }) {
  const access = await requireAccess();
  if (!canRaiseQuery(access.role)) notFound();
  const found = await recordHistory(await getDb(), { siteIds: access.siteIds, entity, id, patientId: entity === 'patient' ? undefined : patientId });
  if (!found || found.record.voided) notFound();
  const record = recordName(found.record);
  const fields = queryFields(entity).map((f) => ({ key: f.key, label: f.unit ? `${f.label} (${f.unit})` : f.label }));
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: found.record.patientCode }} title="Raise a query">
        On {record.text}
      </PageHead>
      <RaiseForm entity={entity} recordId={id} fields={fields} field={fields.some((f) => f.key === field) ? field! : ''} />
    </>
  );
}
