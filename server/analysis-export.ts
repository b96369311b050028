import 'server-only';
import { strToU8, zipSync } from 'fflate';
import { recordExport } from '@/db/audit';
import type { Db } from '@/db/client';
import { analysisData } from '@/db/queries/analysis';
import { analysisFiles, ANALYSIS_FILES, type AnalysisFiles } from '@/lib/analysis/files';
import { todayIso } from '@/lib/dates';

// The analysis package of a cohort (docs/analysis-exports.md), for the download route and the
// command line alike: read in the caller's scope, recorded in the audit log as an export.

export type AnalysisExport = { files: AnalysisFiles; patients: number; visits: number };

/** Null when no cohort has the code. `siteIds` undefined: every site (the command line, an admin). */
export async function exportAnalysis(
  db: Db,
  { cohortCode, siteIds, actorId }: { cohortCode: string; siteIds?: readonly string[]; actorId: string },
): Promise<AnalysisExport | null> {
  const data = await analysisData(db, { cohortCode, siteIds });
  if (!data) return null;
  const visits = data.patients.reduce((n, p) => n + p.visits.length, 0);
  await recordExport(db, {
    actorId,
    entity: 'cohort',
    entityId: data.cohortId,
    details: { format: 'analysis', patients: data.patients.length, visits, siteIds: siteIds ?? 'all' },
  });
  return { files: analysisFiles({ ...data, today: todayIso() }), patients: data.patients.length, visits };
}

/** The five files in one zip, in the package's order. */
export function analysisZip(files: AnalysisFiles): Uint8Array {
  return zipSync(Object.fromEntries(ANALYSIS_FILES.map((name) => [name, strToU8(files[name])])), { level: 6 });
}
