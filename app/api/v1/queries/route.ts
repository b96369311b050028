import { recordExport } from '@/db/audit';
import { getDb } from '@/db/client';
import { listQueries } from '@/db/queries/data-query-list';
import { queriesCsv } from '@/lib/documents/queries-csv';
import { todayIso } from '@/lib/dates';
import { withDatabase } from '@/lib/db-unavailable';
import { queryValues } from '@/lib/review/query-string';
import { withApiAccess } from '@/server/auth/api-access';
import { parseQueriesQuery } from '@/server/review/query-filters';

/** GET /api/v1/queries?<the Queries list's filters> — the list as CSV, for every role, of the caller's sites. */
export const GET = withDatabase('GET /api/v1/queries', withApiAccess('Sign in first.', async (access, request: Request) => {
  const filters = parseQueriesQuery(queryValues(Object.fromEntries(new URL(request.url).searchParams)));
  const db = await getDb();
  const rows = await listQueries(db, { siteIds: access.siteIds, filters });
  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: 'queries', details: { format: 'csv', ...filters, queries: rows.length } });
  return new Response(queriesCsv(rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="queries-${todayIso()}.csv"` },
  });
}));
