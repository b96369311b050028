'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { importCohort } from '@/db/queries/interchange';
import { runAction } from '@/lib/actions';
import { canImport } from '@/lib/auth/access';
import { getAccess } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';
import { INTERCHANGE_FILES, countsInWords, type InterchangeFiles } from '@/lib/interchange';
import { readUploadedFile } from '@/lib/interchange/files';

export type ImportState =
  | { status: 'idle' }
  | { status: 'refused'; problems: string[] }
  | { status: 'imported'; summary: string; createdSites: string[] }
  | { status: 'error'; message: string };

export async function importCohortAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const result = await runAction(async () => {
    const access = await getAccess();
    if (!access || !canImport(access.role)) throw new ForbiddenError('Only a coordinator or an admin can import cohorts.');
    // Each file's size is checked before it is read (lib/interchange/limits.ts).
    const read = await Promise.all(INTERCHANGE_FILES.map(({ key, file, required }) => readUploadedFile(form.get(key), file, required)));
    const problems = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
    if (problems.length) return { ok: true, state: { status: 'refused', problems } as ImportState };
    const files = Object.fromEntries(INTERCHANGE_FILES.map(({ key }, i) => [key, 'text' in read[i]! ? read[i].text : ''])) as InterchangeFiles;
    const outcome = await importCohort(await getDb(), {
      actorId: access.userId,
      files,
      // An admin may bring new sites; a coordinator imports into their own sites only.
      siteIds: access.role === 'admin' ? undefined : access.siteIds,
    });
    if (!outcome.ok) return { ok: true, state: { status: 'refused', problems: outcome.problems } as ImportState };
    revalidatePath('/patients');
    revalidatePath('/cohorts');
    const { counts, createdSites, createdCohorts } = outcome;
    const summary = [
      `Imported ${countsInWords(counts)}.`,
      createdCohorts.length ? `New cohorts: ${createdCohorts.join(', ')}.` : '',
      createdSites.length ? `New sites: ${createdSites.join(', ')}.` : '',
    ].filter(Boolean).join(' ');
    return { ok: true, state: { status: 'imported', summary, createdSites } as ImportState };
  });
  return result.ok ? result.state : { status: 'error', message: result.message };
}
