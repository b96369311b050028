import fs from 'node:fs';
import path from 'node:path';
import { getDb, openForBulkWork } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { importCohort } from '@/db/queries/import';
import { INTERCHANGE_FILES, countsInWords, type FileName, type ImportFiles } from '@/lib/interchange';
import { readImportFile, strayImportFiles } from '@/lib/interchange/files';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run import -- <folder>
Reads patients.csv, visits.csv, adverse_events.csv and relapses.csv from the folder (only
patients.csv must be there: a missing file means none) into DATABASE_URL, or the embedded
database. All or nothing: on any problem, every problem is listed and nothing is written.`;

const { positionals } = cliArgs({ allowPositionals: true, options: {} }, USAGE);

/** The file's bytes (none when an optional file is absent); null (and a message) when it cannot be read, is too large or is not UTF-8. */
function readBytes(folder: string, file: FileName, required: boolean): Uint8Array | null {
  const read = readImportFile(path.join(folder, file), file, required);
  if ('problem' in read) {
    console.error(read.problem);
    return null;
  }
  return read.bytes;
}

await runCli(async () => {
  const [folder, ...rest] = positionals;
  if (!folder || rest.length) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`${folder} is not a folder\n${USAGE}`);
    return 2;
  }
  const stray = strayImportFiles(folder);
  for (const problem of stray) console.error(problem);
  const contents = INTERCHANGE_FILES.map(({ file, required }) => readBytes(folder, file, required));
  if (stray.length || contents.includes(null)) return 1;
  const files = Object.fromEntries(INTERCHANGE_FILES.map(({ key }, i) => [key, contents[i]])) as ImportFiles;

  openForBulkWork();
  const db = await getDb();
  // The embedded database opens (on its own thread) and is migrated while the files are read and checked.
  const result = await importCohort(db, { actorId: 'system:cli', files, ready: migrateDb(db) });
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    console.error(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: nothing was imported.`);
    return 1;
  }
  const { counts, createdSites, createdCohorts } = result;
  console.log(`Imported ${countsInWords(counts)}.`);
  if (createdSites.length) console.log(`New sites: ${createdSites.join(', ')}`);
  if (createdCohorts.length) console.log(`New cohorts: ${createdCohorts.join(', ')}`);
  return 0;
});
