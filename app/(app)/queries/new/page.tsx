import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { recordHistory } from '@/db/queries/history';
import { recordName } from '@/lib/audit/describe';
import { QUERY_ENTITIES, canRaiseQuery, queryFields, type QueryEntity } from '@/lib/queries/rules';
import { queryValues, type RawQuery } from '@/lib/review/query-string';
import { requireAccess } from '@/server/auth/session';
import { RaiseForm } from './raise-form';

export const metadata: Metadata = { title: 'Raise a query' };

/** /queries/new?entity=visit&id=…[&field=ckUL]: a query on one field of a record of the raiser's sites. */
export default async function RaiseQueryPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const { entity, id, field } = queryValues(await searchParams);
  const access = await requireAccess();
  if (!canRaiseQuery(access.role) || !(QUERY_ENTITIES as readonly string[]).includes(entity ?? '') || !id) notFound();
  const kind = entity as QueryEntity;
  const found = await recordHistory(await getDb(), { siteIds: access.siteIds, entity: kind, id });
  if (!found || found.record.voided) notFound();
  const record = recordName(found.record);
  const fields = queryFields(kind).map((f) => ({ key: f.key, label: f.unit ? `${f.label} (${f.unit})` : f.label }));
  return (
    <>
      <PageHead back={{ href: `/patients/${found.record.patientId}`, label: found.record.patientCode }} title="Raise a query">
        On {record.text}
      </PageHead>
      <RaiseForm entity={kind} recordId={id} fields={fields} field={fields.some((f) => f.key === field) ? field! : ''} />
    </>
  );
}
