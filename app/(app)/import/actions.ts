'use server';

import { importCohort } from '@/db/queries/import';
import { canImport } from '@/lib/auth/access';
import { INTERCHANGE_FILES, countsInWords, type ImportFiles } from '@/lib/interchange';
import { readUploadedFile } from '@/lib/interchange/files';
import { serverAction } from '@/server/action';

export type ImportState =
  | { status: 'idle' }
  | { status: 'refused'; problems: string[] }
  | { status: 'imported'; summary: string; createdSites: string[] }
  | { status: 'error'; message: string };

const IMPORTERS = { allows: canImport, refused: 'Only a coordinator or an admin can import cohorts.' };

export async function importCohortAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const result = await serverAction<{ state: ImportState }>({ permit: IMPORTERS }, async ({ db, access }) => {
    // Each file's size is checked before it is read (lib/interchange/limits.ts).
    const read = await Promise.all(INTERCHANGE_FILES.map(({ key, file, required }) => readUploadedFile(form.get(key), file, required)));
    const problems = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
    if (problems.length) return { state: { status: 'refused', problems }, revalidate: [] };
    const files = Object.fromEntries(INTERCHANGE_FILES.map(({ key }, i) => [key, 'bytes' in read[i]! ? read[i].bytes : ''])) as ImportFiles;
    const outcome = await importCohort(db, {
      actorId: access.userId,
      files,
      // An admin may bring new sites; a coordinator imports into their own sites only.
      siteIds: access.role === 'admin' ? undefined : access.siteIds,
    });
    if (!outcome.ok) return { state: { status: 'refused', problems: outcome.problems }, revalidate: [] };
    const { counts, createdSites, createdCohorts } = outcome;
    const summary = [
      `Imported ${countsInWords(counts)}.`,
      createdCohorts.length ? `New cohorts: ${createdCohorts.join(', ')}.` : '',
      createdSites.length ? `New sites: ${createdSites.join(', ')}.` : '',
    ].filter(Boolean).join(' ');
    return { state: { status: 'imported', summary, createdSites }, revalidate: ['/patients', '/cohorts', '/import'] };
  });
  return result.ok ? result.state : { status: 'error', message: result.message };
}
