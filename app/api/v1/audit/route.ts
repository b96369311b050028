import { recordExport } from '@/db/audit';
import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { auditTrailCsvChunks } from '@/db/queries/audit-trail';
import { canReview } from '@/lib/auth/access';
import { withApiAccess } from '@/server/auth/api-access';
import { todayIso } from '@/lib/dates';
import { withDatabase } from '@/lib/db-unavailable';
import { dateRangeProblem, parseAuditQuery, patientFilterProblem } from '@/server/review/audit-filters';
import { queryValues } from '@/lib/review/query-string';

/**
 * GET /api/v1/audit?<filters> — the filtered audit trail as CSV, streamed; auditors and admins.
 * A patient code that cannot be one, or a From date after the To date, answers 400 with a sentence:
 * the whole trail is not what was asked.
 */
export const GET = withDatabase('GET /api/v1/audit', withApiAccess('Sign in first.', async (access, request: Request) => {
  if (!canReview(access.role)) return problemResponse(404, 'Not found.');
  const query = queryValues(Object.fromEntries(new URL(request.url).searchParams));
  const problem = patientFilterProblem(query) ?? dateRangeProblem(query);
  if (problem) return problemResponse(400, problem);
  const filters = parseAuditQuery(query, access);
  const db = await getDb();
  await recordExport(db, { actorId: access.userId, entity: 'audit_log', entityId: 'trail', details: { ...filters, siteIds: undefined } });
  const chunks = auditTrailCsvChunks(db, { filters });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="audit-trail-${todayIso()}.csv"` },
  });
}));
