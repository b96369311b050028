import 'server-only';
import { recordExport } from '@/db/audit';
import type { Db } from '@/db/client';
import type { FhirData } from '@/db/queries/fhir';
import { bundlePieces } from '@/lib/fhir/bundle';

// The FHIR export's answer, for the cohort and the patient routes: recorded in the audit log
// as it leaves, then streamed piece by piece (a large cohort's Bundle is hundreds of MB).

export const FHIR_CONTENT_TYPE = 'application/fhir+json; charset=utf-8';

export async function fhirExportResponse(
  db: Db,
  data: FhirData,
  audit: { actorId: string; entity: 'cohort' | 'patient'; entityId: string; siteIds: readonly string[] | 'all' },
  fileName: string,
): Promise<Response> {
  await recordExport(db, { actorId: audit.actorId, entity: audit.entity, entityId: audit.entityId, details: { format: 'fhir', patients: data.patients.length, siteIds: audit.siteIds } });
  const pieces = bundlePieces(data.cohort, data.patients, { timestamp: new Date().toISOString() });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': FHIR_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
