// How large one import file may be. A file is refused on its size alone, before it is read:
// the import holds a whole file as text and then its parsed rows (several times its size), so
// a wrong or hostile file (a database dump, a 2 GB log) would otherwise exhaust the server's or
// the command's memory. The largest cohort we benchmark (scripts/bench/cohort.ts: 10,000
// patients, 55,000 visits) has a 4.5 MB visits.csv; the limits leave about twice that.
// Pure: the upload form checks the same limit in the browser, before sending anything.

import type { FileName, Problem } from './problems';

export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_FILE_MB = MAX_IMPORT_FILE_BYTES / 1024 / 1024;

/** Rows per file (blank lines count): past this, a file of tiny rows would parse for minutes. */
export const MAX_IMPORT_ROWS = 100_000;

/** A file over the size limit, as a problem of the contract's form; null when it is within it. */
export function sizeProblem(file: FileName, bytes: number): Problem | null {
  if (bytes <= MAX_IMPORT_FILE_BYTES) return null;
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return {
    file,
    line: 1,
    column: 'file',
    message: `the file is ${mb} MB, more than the ${MAX_IMPORT_FILE_MB} MB an import file may hold: split the cohort into several imports`,
  };
}
