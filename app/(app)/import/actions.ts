'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { importCohort } from '@/db/queries/interchange';
import { runAction } from '@/lib/actions';
import { canImport } from '@/lib/auth/access';
import { getAccess } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';
import { decodeCsvBytes, formatProblem, type FileName } from '@/lib/interchange';

export type ImportState =
  | { status: 'idle' }
  | { status: 'refused'; problems: string[] }
  | { status: 'imported'; summary: string }
  | { status: 'error'; message: string };

/** Larger files are refused before they are read: an import this size is a job for the command line. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const FIELDS: { field: string; file: FileName; required: boolean }[] = [
  { field: 'patients', file: 'patients.csv', required: true },
  { field: 'visits', file: 'visits.csv', required: false },
  { field: 'adverseEvents', file: 'adverse_events.csv', required: false },
];

async function readUpload(form: FormData, { field, file, required }: (typeof FIELDS)[number]): Promise<{ text: string } | { problem: string }> {
  const upload = form.get(field);
  if (!(upload instanceof File) || upload.size === 0) return required ? { problem: `${file}: choose the file to import` } : { text: '' };
  if (upload.size > MAX_FILE_BYTES)
    return { problem: `${file}: the file is ${(upload.size / 1024 / 1024).toFixed(1)} MB; the limit here is 20 MB (use npm run import for larger files)` };
  const decoded = decodeCsvBytes(file, new Uint8Array(await upload.arrayBuffer()));
  return 'problem' in decoded ? { problem: formatProblem(decoded.problem) } : decoded;
}

export async function importCohortAction(_previous: ImportState, form: FormData): Promise<ImportState> {
  const result = await runAction(async () => {
    const access = await getAccess();
    if (!access || !canImport(access.role)) throw new ForbiddenError('Only a coordinator or an admin can import cohorts.');
    const read = await Promise.all(FIELDS.map((f) => readUpload(form, f)));
    const problems = read.flatMap((r) => ('problem' in r ? [r.problem] : []));
    if (problems.length) return { ok: true, state: { status: 'refused', problems } as ImportState };
    const [patients, visits, adverseEvents] = read.map((r) => ('text' in r ? r.text : ''));
    const outcome = await importCohort(await getDb(), {
      actorId: access.userId,
      files: { patients: patients!, visits: visits!, adverseEvents: adverseEvents! },
      // An admin may bring new sites; a coordinator imports into their own sites only.
      siteIds: access.role === 'admin' ? undefined : access.siteIds,
    });
    if (!outcome.ok) return { ok: true, state: { status: 'refused', problems: outcome.problems } as ImportState };
    revalidatePath('/patients');
    revalidatePath('/cohorts');
    const { counts, createdSites, createdCohorts } = outcome;
    const summary = [
      `Imported ${counts.patients} patients, ${counts.visits} visits and ${counts.adverseEvents} adverse events.`,
      createdCohorts.length ? `New cohorts: ${createdCohorts.join(', ')}.` : '',
      createdSites.length ? `New sites: ${createdSites.join(', ')}.` : '',
    ].filter(Boolean).join(' ');
    return { ok: true, state: { status: 'imported', summary } as ImportState };
  });
  return result.ok ? result.state : { status: 'error', message: result.message };
}
