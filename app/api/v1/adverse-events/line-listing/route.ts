import { recordExport } from '@/db/audit';
import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { listAdverseEvents } from '@/db/queries/adverse-event-listing';
import { canReview } from '@/lib/auth/access';
import { withApiAccess } from '@/server/auth/api-access';
import { lineListingCsv, lineListingPdf } from '@/lib/documents/line-listing';
import { parseAeQuery, type AeQuery } from '@/server/review/ae-filters';
import { queryValues } from '@/lib/review/query-string';
import { todayIso } from '@/lib/dates';
import { withDatabase } from '@/lib/db-unavailable';

/** GET /api/v1/adverse-events/line-listing?format=csv|pdf&<the listing's filters> — auditors and admins. */
export const GET = withDatabase('GET /api/v1/adverse-events/line-listing', withApiAccess('Sign in first.', async (access, request: Request) => {
  if (!canReview(access.role)) return problemResponse(404, 'Not found.');
  const query: AeQuery & { format?: string } = queryValues(Object.fromEntries(new URL(request.url).searchParams));
  const format = query.format ?? 'csv';
  if (format !== 'csv' && format !== 'pdf') return problemResponse(400, 'format must be csv or pdf');
  const db = await getDb();
  const parsed = parseAeQuery(query);
  const events = await listAdverseEvents(db, { siteIds: access.siteIds, ...parsed });
  await recordExport(db, { actorId: access.userId, entity: 'report', entityId: 'adverse-event-line-listing', details: { format, ...parsed, events: events.length } });
  const name = `line-listing-${todayIso()}.${format}`;
  if (format === 'csv')
    return new Response(lineListingCsv(events), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
    });
  const pdf = await lineListingPdf(events, { title: 'Adverse events: line listing' });
  return new Response(new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}"` } });
}));
