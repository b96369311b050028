import 'server-only';
import type { Db } from '@/db/client';
import { patientQueries } from '@/db/queries/data-queries';
import type { FormQuery } from '@/components/queries/FieldQueries';

/**
 * What an edit page shows of the queries on its record: those not closed, and the one the edit
 * answers when the page was opened to answer it (`?query=`, an open query on this record).
 */
export async function formQueries(
  db: Db,
  { siteIds, patientId, recordId, query }: { siteIds: string[]; patientId: string; recordId: string; query: unknown },
): Promise<{ queries: FormQuery[]; answering: string | null }> {
  const queries = (await patientQueries(db, { patientId, siteIds }))
    .filter((q): q is typeof q & { state: FormQuery['state'] } => q.recordId === recordId && q.state !== 'closed')
    .map(({ id, field, question, state }) => ({ id, field, question, state }));
  const answering = queries.find((q) => q.id === query && q.state === 'open')?.id ?? null;
  return { queries, answering };
}
