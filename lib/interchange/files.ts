// An import file from the disk (npm run import) or from the upload form, checked for size
// before a byte of it is read, then checked as UTF-8 and kept as bytes. Server-side only (node:fs).

import fs from 'node:fs';
import { checkCsvBytes } from './decode';
import { likelyMeant } from './likely';
import { sizeProblem } from './limits';
import { FILE_NAMES, formatProblem, type FileName } from './problems';

/** A file's checked bytes (empty when an optional file is absent), or its problem. */
export type ImportFileBytes = { bytes: Uint8Array } | { problem: string };

/** A file of a folder: no bytes when an optional file is absent. */
export function readImportFile(fullPath: string, file: FileName, required: boolean): ImportFileBytes {
  const stat = fs.statSync(fullPath, { throwIfNoEntry: false });
  if (!stat) return required ? { problem: `${fullPath} not found` } : { bytes: new Uint8Array() };
  if (!stat.isFile()) return { problem: `${fullPath} is not a file` };
  const tooLarge = sizeProblem(file, stat.size);
  if (tooLarge) return { problem: formatProblem(tooLarge) };
  return checked(file, fs.readFileSync(fullPath));
}

/**
 * A problem for each CSV file of an import folder that is none of the import's files. The
 * optional files may be absent, so without this a misspelt `visit.csv` would be read as no
 * visits at all, and the cohort imported without them and without a word.
 */
export function strayImportFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && /\.csv$/i.test(entry.name) && !(FILE_NAMES as readonly string[]).includes(entry.name))
    .map(({ name }) => {
      const meant = likelyMeant(name.toLowerCase(), FILE_NAMES);
      return `${name}: not a file an import reads (${FILE_NAMES.join(', ')})${meant ? `: did you mean ${meant}?` : '.'} Rename it, or move it out of the folder.`;
    })
    .sort();
}

/** A file of the upload form (a FormData entry): no bytes when an optional one is not chosen. */
export async function readUploadedFile(upload: FormDataEntryValue | null, file: FileName, required: boolean): Promise<ImportFileBytes> {
  if (!(upload instanceof Blob) || upload.size === 0) return required ? { problem: `${file}: choose the file to import` } : { bytes: new Uint8Array() };
  const tooLarge = sizeProblem(file, upload.size);
  if (tooLarge) return { problem: formatProblem(tooLarge) };
  return checked(file, new Uint8Array(await upload.arrayBuffer()));
}

function checked(file: FileName, bytes: Uint8Array): ImportFileBytes {
  const result = checkCsvBytes(file, bytes);
  return 'problem' in result ? { problem: formatProblem(result.problem) } : result;
}
