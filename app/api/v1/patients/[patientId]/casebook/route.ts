import { recordExport } from '@/db/audit';
import { problemResponse } from '@/lib/api/problem';
import { getDb } from '@/db/client';
import { patientCasebook } from '@/db/queries/casebook';
import { patientQueries } from '@/db/queries/data-queries';
import { patientSignatures } from '@/db/queries/signatures';
import { casebookOf, casebookQueries, casebookSignatures } from '@/lib/audit/casebook';
import { withDatabase } from '@/lib/db-unavailable';
import { casebookPdf } from '@/lib/documents/casebook-pdf';
import { withApiAccess } from '@/server/auth/api-access';

/**
 * GET /api/v1/patients/ID/casebook — the patient's casebook as a PDF (docs/evidence.md), for
 * every role that sees the patient's page; recorded in the audit trail as an export. A
 * patient of another site answers as one that does not exist.
 */
export const GET = withDatabase('GET /api/v1/patients/casebook', withApiAccess('Sign in first.', async (access, _request: Request, { params }: { params: Promise<{ patientId: string }> }) => {
  const { patientId } = await params;
  const db = await getDb();
  const source = await patientCasebook(db, { patientId, siteIds: access.siteIds });
  if (!source) return problemResponse(404, 'No such patient.');
  await recordExport(db, { actorId: access.userId, entity: 'patient', entityId: patientId, details: { format: 'casebook-pdf' } });
  const scope = { patientId, siteIds: access.siteIds };
  const queries = casebookQueries(await patientQueries(db, scope), source);
  const signatures = casebookSignatures(await patientSignatures(db, scope), source);
  const pdf = await casebookPdf(casebookOf(source, { generatedAt: new Date(), generatedBy: `${access.name} (${access.email})`, queries, signatures }));
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="casebook-${source.patientCode.replace(/[^\w.-]/g, '_')}.pdf"`,
      'cache-control': 'no-store',
    },
  });
}));
