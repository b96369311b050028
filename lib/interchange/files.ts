// An import file from the disk (npm run import) or from the upload form, checked for size
// before a byte of it is read, then decoded. Server-side only (node:fs).

import fs from 'node:fs';
import { decodeCsvBytes } from './decode';
import { sizeProblem } from './limits';
import { formatProblem, type FileName } from './problems';

export type ImportFileText = { text: string } | { problem: string };

/** A file of a folder: '' when an optional file is absent. */
export function readImportFile(fullPath: string, file: FileName, required: boolean): ImportFileText {
  const stat = fs.statSync(fullPath, { throwIfNoEntry: false });
  if (!stat) return required ? { problem: `${fullPath} not found` } : { text: '' };
  if (!stat.isFile()) return { problem: `${fullPath} is not a file` };
  const tooLarge = sizeProblem(file, stat.size);
  if (tooLarge) return { problem: formatProblem(tooLarge) };
  return decoded(file, fs.readFileSync(fullPath));
}

/** A file of the upload form (a FormData entry): '' when an optional one is not chosen. */
export async function readUploadedFile(upload: FormDataEntryValue | null, file: FileName, required: boolean): Promise<ImportFileText> {
  if (!(upload instanceof Blob) || upload.size === 0) return required ? { problem: `${file}: choose the file to import` } : { text: '' };
  const tooLarge = sizeProblem(file, upload.size);
  if (tooLarge) return { problem: formatProblem(tooLarge) };
  return decoded(file, new Uint8Array(await upload.arrayBuffer()));
}

function decoded(file: FileName, bytes: Uint8Array): ImportFileText {
  const result = decodeCsvBytes(file, bytes);
  return 'problem' in result ? { problem: formatProblem(result.problem) } : result;
}
