import { zipSync } from 'fflate';
import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { fieldErrorsOf } from '@/lib/action-errors';
import { canReview } from '@/lib/auth/access';
import { withDatabase } from '@/lib/db-unavailable';
import { evidenceFileNames } from '@/lib/documents/audit-evidence';
import { auditPeriodSchema } from '@/lib/schemas/audit-period';
import { auditEvidenceFiles } from '@/server/audit-evidence';
import { withApiAccess } from '@/server/auth/api-access';

/**
 * GET /api/v1/audit/evidence?from=YYYY-MM-DD&to=YYYY-MM-DD — the evidence of a period of the
 * audit trail as one zip (CSV, PDF, manifest; docs/evidence.md); auditors (their sites'
 * clinical entries, as on the audit page) and admins. A bad period answers 400 with a message
 * per field, as the audit page's form shows them.
 */
export const GET = withDatabase('GET /api/v1/audit/evidence', withApiAccess('Sign in first.', async (access, request: Request) => {
  if (!canReview(access.role)) return problemResponse(404, 'Not found.');
  const params = new URL(request.url).searchParams;
  const parsed = auditPeriodSchema.safeParse({ from: params.get('from') ?? undefined, to: params.get('to') ?? undefined });
  if (!parsed.success) return problemResponse(400, 'Choose the period to export.', { errors: fieldErrorsOf(parsed.error) });
  const period = parsed.data;
  const { files } = await auditEvidenceFiles(await getDb(), {
    period,
    reader: { actorId: access.userId, name: access.name, email: access.email, siteIds: access.role === 'admin' ? undefined : access.siteIds },
  });
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, f.bytes])));
  return new Response(zip, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${evidenceFileNames(period).zip}"`,
      'cache-control': 'no-store',
    },
  });
}));
