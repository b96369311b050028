import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { importCohort } from '@/db/queries/import';
import type { FileName } from '@/lib/interchange';
import { readImportFile } from '@/lib/interchange/files';
import { runCli } from './cli';

const USAGE = `Usage: npm run import -- <folder>
Reads patients.csv, visits.csv and adverse_events.csv from the folder (a missing visits.csv or
adverse_events.csv means none) into DATABASE_URL, or the embedded database. All or nothing: on
any problem, every problem is listed and nothing is written.`;

const { positionals } = parseArgs({ allowPositionals: true, options: {} });

/** The file's text; '' when an optional file is absent; null (and a message) when it cannot be read or is too large. */
function readText(folder: string, file: FileName, required: boolean): string | null {
  const read = readImportFile(path.join(folder, file), file, required);
  if ('problem' in read) {
    console.error(read.problem);
    return null;
  }
  return read.text;
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
  const patients = readText(folder, 'patients.csv', true);
  const visits = readText(folder, 'visits.csv', false);
  const adverseEvents = readText(folder, 'adverse_events.csv', false);
  if (patients === null || visits === null || adverseEvents === null) return 1;

  const db = await getDb();
  await migrateDb(db);
  const result = await importCohort(db, { actorId: 'system:cli', files: { patients, visits, adverseEvents } });
  if (!result.ok) {
    for (const problem of result.problems) console.error(problem);
    console.error(`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: nothing was imported.`);
    return 1;
  }
  const { counts, createdSites, createdCohorts } = result;
  console.log(`Imported ${plural(counts.patients, 'patient')}, ${plural(counts.visits, 'visit')}, ${plural(counts.adverseEvents, 'adverse event')}.`);
  if (createdSites.length) console.log(`New sites: ${createdSites.join(', ')}`);
  if (createdCohorts.length) console.log(`New cohorts: ${createdCohorts.join(', ')}`);
  return 0;
});

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
