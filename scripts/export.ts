import fs from 'node:fs';
import path from 'node:path';
import { recordExport } from '@/db/audit';
import { getDb, type Db } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { exportCohort } from '@/db/queries/export';
import { fhirCohortData } from '@/db/queries/fhir';
import { ANALYSIS_FILES } from '@/lib/analysis/files';
import { NotFoundError } from '@/lib/errors';
import { bundlePieces } from '@/lib/fhir/bundle';
import { INTERCHANGE_FILES, countsInWords } from '@/lib/interchange';
import { exportAnalysis } from '@/server/analysis-export';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run export -- --cohort CODE --out <folder>
       npm run export -- --cohort CODE --format fhir --out <file>
       npm run export -- --cohort CODE --format analysis --out <folder>
Writes the cohort's patients.csv, visits.csv, adverse_events.csv and relapses.csv into the
folder (created if needed; files of those names are replaced), with --format fhir the
cohort as one FHIR R4 Bundle (JSON, docs/fhir.md) into the file, or with --format analysis
long.csv, wide.csv, dictionary.csv, read.R and read.do (docs/analysis-exports.md) into the
folder; from DATABASE_URL or the embedded database.`;

const FORMATS = ['csv', 'fhir', 'analysis'] as const;

const { values } = cliArgs({ options: { cohort: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'csv' } } }, USAGE);

await runCli(async () => {
  if (!values.cohort || !values.out || !FORMATS.includes(values.format as (typeof FORMATS)[number])) {
    console.error(USAGE);
    return 2;
  }
  const db = await getDb();
  await migrateDb(db);
  if (values.format === 'fhir') return exportFhir(db, values.cohort, values.out);
  if (values.format === 'analysis') return writeAnalysis(db, values.cohort, values.out);
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

/** The Bundle written piece by piece: a large cohort's is more than one string can hold. */
async function exportFhir(db: Db, cohortCode: string, out: string): Promise<number> {
  const data = await fhirCohortData(db, { cohortCode });
  if (!data) {
    console.error(`No cohort has the code ${cohortCode}.`);
    return 1;
  }
  await recordExport(db, { actorId: 'system:cli', entity: 'cohort', entityId: data.cohort.id, details: { format: 'fhir', patients: data.patients.length, siteIds: 'all' } });
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const fd = fs.openSync(out, 'w');
  try {
    for (const piece of bundlePieces(data.cohort, data.patients, { timestamp: new Date().toISOString() })) fs.writeSync(fd, piece);
  } finally {
    fs.closeSync(fd);
  }
  const visits = data.patients.reduce((n, p) => n + p.visits.length, 0);
  console.log(`Cohort ${cohortCode}: FHIR Bundle of ${data.patients.length} patients (${visits} visits) written to ${out}`);
  return 0;
}

async function writeAnalysis(db: Db, cohortCode: string, out: string): Promise<number> {
  const exported = await exportAnalysis(db, { cohortCode, actorId: 'system:cli' });
  if (!exported) {
    console.error(`No cohort has the code ${cohortCode}.`);
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const name of ANALYSIS_FILES) fs.writeFileSync(path.join(out, name), exported.files[name]);
  console.log(`Cohort ${cohortCode}: analysis files of ${exported.patients} patients (${exported.visits} visits) written to ${out}: ${ANALYSIS_FILES.join(', ')}`);
  return 0;
}
