import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { exportCohort } from '@/db/queries/export';
import { NotFoundError } from '@/lib/errors';
import { INTERCHANGE_FILES, countsInWords } from '@/lib/interchange';
import { runCli } from './cli';

const USAGE = `Usage: npm run export -- --cohort CODE --out <folder>
Writes the cohort's patients.csv, visits.csv, adverse_events.csv and relapses.csv into the
folder (created if needed; files of those names are replaced), from DATABASE_URL or the
embedded database.`;

const { values } = parseArgs({ options: { cohort: { type: 'string' }, out: { type: 'string' } } });

await runCli(async () => {
  if (!values.cohort || !values.out) {
    console.error(USAGE);
    return 2;
  }
  const db = await getDb();
  await migrateDb(db);
  let files;
  try {
    files = await exportCohort(db, { cohortCode: values.cohort, actorId: 'system:cli' });
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    console.error(`No cohort has the code ${values.cohort}.`);
    return 1;
  }
  fs.mkdirSync(values.out, { recursive: true });
  for (const { key, file } of INTERCHANGE_FILES) fs.writeFileSync(path.join(values.out, file), files[key]);
  const written = countsInWords(files.counts);
  console.log(`Cohort ${values.cohort}: ${written} written to ${values.out}`);
  return 0;
});
