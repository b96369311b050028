import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { currentCorrelationId } from '@/db/correlation';
import { rowJson } from '@/db/insert-many';
import { selectRows, type Db } from '@/db/client';
import { adverseEvents, auditLog, patients, relapses, visits } from '@/db/schema';
import { ADVERSE_EVENT_COLUMNS, INTERCHANGE_FILES, PATIENT_COLUMNS, RELAPSE_COLUMNS, VISIT_COLUMNS, type CellType, type Column } from '@/lib/interchange';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { timedCommand, writeCohort } from './cohort';
import { addRow, median } from './table';
import { plainCopyMs } from './copy-baseline';

// The import against its floor (issues 8 and 13), for 5,000 and 10,000 patients:
// - app: `scripts/import.ts` as its own Node process into a fresh database: wall time (Node's
//   start included) and peak memory (VmHWM, read while it runs);
// - floor: what PostgreSQL needs to put the same rows into the app's own schema with the same
//   audit rows: COPY into staging tables, then one INSERT … SELECT per table, each with its
//   `create` entry built by PostgreSQL from the stored row (the import's own rowJson) and linked
//   into the chain as it is inserted (the chain's lock held throughout, which the app may not
//   do), in one transaction, with no check;
// - copy: the plain COPY of the files (copy-baseline.ts);
// - embedded: the same import into PGlite (a folder created and migrated beforehand).

export type ImportFigures = {
  patients: number;
  visits: number;
  app: { seconds: number; peakRssMiB: number };
  floor: { seconds: number };
  copy: { seconds: number };
};

/** Runs scripts/import.ts on `folder`: wall seconds and peak memory. */
async function timedImport(folder: string, env: Record<string, string>): Promise<{ seconds: number; peakRssMiB: number }> {
  const run = await timedCommand(['scripts/import.ts', folder], env);
  if (run.code !== 0) throw new Error(`the import was refused (exit ${run.code})`);
  return { seconds: run.ms / 1000, peakRssMiB: run.peakMiB };
}

const STAGED = [
  { key: 'patients', table: patients, columns: PATIENT_COLUMNS },
  { key: 'visits', table: visits, columns: VISIT_COLUMNS },
  { key: 'adverseEvents', table: adverseEvents, columns: ADVERSE_EVENT_COLUMNS },
  { key: 'relapses', table: relapses, columns: RELAPSE_COLUMNS },
] as const;

function stagedType(cell: CellType): string {
  if (cell.type === 'date') return 'date';
  if (cell.type === 'number') return cell.integer ? 'integer' : 'numeric';
  if (cell.type === 'yesno') return 'boolean';
  return 'text';
}

/** COPYs the folder's files into unlogged staging tables `stage_<key>` of the database. */
async function stage(url: string, folder: string) {
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const { key, file } of INTERCHANGE_FILES) {
      const columns = STAGED.find((s) => s.key === key)!.columns as Column<object>[];
      await pg.unsafe(`create unlogged table "stage_${key}" (${columns.map((c) => `"${c.name}" ${stagedType(c)}`).join(', ')})`);
      const header = fs.readFileSync(path.join(folder, file), 'utf8').split('\n', 1)[0]!;
      const writable = await pg.unsafe(`copy "stage_${key}" (${header}) from stdin with (format csv, header true)`).writable();
      await pipeline(fs.createReadStream(path.join(folder, file)), writable);
    }
  } finally {
    await pg.end({ timeout: 5 });
  }
}

/** INSERT … SELECT of a staging table into `table`, with a `create` entry per row in the same statement. */
async function insertStaged(tx: Db, key: string, table: PgTable, columns: Column<object>[], patientOf: 'join' | 'sites') {
  const tableColumns = getTableColumns(table);
  const names: SQL[] = [];
  const values: SQL[] = [];
  for (const c of columns) {
    const col = tableColumns[c.key];
    if (!col) continue;
    names.push(sql`${sql.identifier(col.name)}`);
    values.push(c.type === 'list' ? sql`string_to_array(s.${sql.identifier(c.name)}, ';')` : sql`s.${sql.identifier(c.name)}`);
  }
  const from =
    patientOf === 'sites'
      ? sql`join site on site.code = s.site join cohort on cohort.code = s.cohort`
      : sql`join patient p on p.code = s.patient_code`;
  names.push(sql`${sql.identifier(patientOf === 'sites' ? 'site_id' : 'patient_id')}`);
  values.push(patientOf === 'sites' ? sql`site.id` : sql`p.id`);
  if (patientOf === 'sites') {
    names.push(sql`${sql.identifier('cohort_id')}`);
    values.push(sql`cohort.id`);
  }
  if (key === 'adverseEvents') {
    names.push(sql`${sql.identifier('ongoing')}`);
    values.push(sql`s.end_date is null`);
  }
  names.push(sql`created_by`, sql`updated_by`);
  values.push(sql`'system:bench'`, sql`'system:bench'`);
  await tx.execute(sql`with created as (
      insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(values, sql`, `)} from ${sql.identifier(`stage_${key}`)} s ${from} returning *
    )
    insert into ${auditLog} (actor_id, action, entity, entity_id, after, reason, correlation_id)
    select 'system:bench', 'create', ${key === 'patients' ? 'patient' : key === 'visits' ? 'visit' : key === 'adverseEvents' ? 'adverse_event' : 'relapse'}, created.id::text, ${rowJson(table, 'created')}, 'CSV import', ${currentCorrelationId()}::text from created`);
}

/** Seconds for the floor: staging COPY, then the set-based inserts with their audit rows, committed. */
async function floorSeconds(url: string, folder: string): Promise<number> {
  const started = performance.now();
  await stage(url, folder);
  await withLocalDatabase(url, 'the benchmark database', (db) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('audit.append', 'on', true)`);
      await tx.execute(sql`insert into site (code, name) select distinct site, site from stage_patients`);
      await tx.execute(sql`insert into cohort (code, name) select distinct cohort, cohort from stage_patients`);
      for (const { key, table, columns } of STAGED) await insertStaged(tx, key, table, columns as Column<object>[], key === 'patients' ? 'sites' : 'join');
      const [n] = await selectRows<{ n: number }>(tx, sql`select count(*)::int as n from visit`);
      if (!n?.n) throw new Error('the floor wrote no visit');
    }),
  );
  return (performance.now() - started) / 1000;
}

/** The import of a made-up cohort of `count` patients on PostgreSQL, beside its floor and a plain COPY. */
export async function benchImportPostgres(count: number): Promise<ImportFigures> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-import-'));
  const name = `dm_bench_import_${process.pid}`;
  try {
    const made = writeCohort(folder, count);
    const app = await timedImport(folder, { DATABASE_URL: await freshPostgres(name) });
    const floor = await floorSeconds(await freshPostgres(name), folder);
    const copy = (await plainCopyMs(await freshPostgres(name), folder)) / 1000;
    return { patients: made.patients, visits: made.visits, app, floor: { seconds: floor }, copy: { seconds: copy } };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await dropDatabase(name);
  }
}

/**
 * The same import into the embedded database: a fresh folder, created and migrated before the
 * clock starts, as the PostgreSQL database is (creating a PGlite folder alone takes seconds).
 */
export async function benchImportEmbedded(count: number): Promise<{ seconds: number; peakRssMiB: number }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-import-'));
  const env = { DATABASE_URL: '', PGLITE_DIR: path.join(folder, 'pglite') };
  try {
    writeCohort(folder, count);
    const migrated = await timedCommand(['scripts/migrate.ts'], env);
    if (migrated.code !== 0) throw new Error(`the embedded database could not be migrated (exit ${migrated.code})`);
    return await timedImport(folder, env);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** Each figure's median over rounds of the same import. */
function medianFigures(runs: ImportFigures[]): ImportFigures {
  const m = (figure: (f: ImportFigures) => number) => median(runs.map(figure));
  return {
    patients: runs[0]!.patients,
    visits: runs[0]!.visits,
    app: { seconds: m((f) => f.app.seconds), peakRssMiB: m((f) => f.app.peakRssMiB) },
    floor: { seconds: m((f) => f.floor.seconds) },
    copy: { seconds: m((f) => f.copy.seconds) },
  };
}

/**
 * Every figure of the import rows, each the median of `rounds` runs: 5,000 and 10,000 patients
 * on PostgreSQL, 10,000 embedded. A round runs the three in turn, so that each size meets the
 * machine's moods alike. One run's peak memory moves by tens of MiB with when V8 collects.
 */
export async function benchImport({ rounds = 3 }: { rounds?: number } = {}) {
  const halves: ImportFigures[] = [];
  const fulls: ImportFigures[] = [];
  const embeddeds: { seconds: number; peakRssMiB: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`  round ${round} of ${rounds}`);
    halves.push(await benchImportPostgres(5_000));
    fulls.push(await benchImportPostgres(10_000));
    embeddeds.push(await benchImportEmbedded(10_000));
  }
  const embedded = { seconds: median(embeddeds.map((e) => e.seconds)), peakRssMiB: median(embeddeds.map((e) => e.peakRssMiB)) };
  return { half: medianFigures(halves), full: medianFigures(fulls), embedded, rounds, loadAverage: os.loadavg() };
}

/** The import rows of the bench's table (issue 13): against the floor, memory as the file grows, embedded. */
export async function benchImportRows({ rounds = 3 }: { rounds?: number } = {}) {
  const { half, full, embedded } = await benchImport({ rounds });
  const run = (f: { seconds: number; peakRssMiB: number }) => `${f.seconds.toFixed(1)} s, peak ${f.peakRssMiB.toFixed(0)} MiB`;
  const fullRatio = full.app.seconds / full.floor.seconds;
  addRow({
    part: 'import',
    work: `import ${full.patients.toLocaleString('en')} patients / ${full.visits.toLocaleString('en')} visits`,
    app: { text: run(full.app), value: full.app.seconds * 1000, unit: 'ms', peakMiB: full.app.peakRssMiB },
    minimum: { text: `set-based SQL with the same audit rows: ${full.floor.seconds.toFixed(1)} s (plain COPY ${full.copy.seconds.toFixed(2)} s)`, value: full.floor.seconds * 1000, unit: 'ms' },
    ratio: fullRatio,
    ratioKind: 'multiple',
    goal: '≤ 1.5×',
    met: fullRatio <= 1.5,
  });
  const memory = full.app.peakRssMiB / half.app.peakRssMiB;
  addRow({
    part: 'import',
    work: `import, twice the rows (${half.patients.toLocaleString('en')} → ${full.patients.toLocaleString('en')} patients)`,
    app: { text: run(full.app), value: full.app.peakRssMiB, unit: 'MiB' },
    minimum: { text: `${half.patients.toLocaleString('en')} patients: ${run(half.app)}`, value: half.app.peakRssMiB, unit: 'MiB' },
    ratio: memory,
    ratioKind: 'multiple',
    note: 'ratio: peak memory, twice the rows / once',
    goal: 'peak memory within ±20%',
    met: Math.abs(memory - 1) <= 0.2,
  });
  const embeddedRatio = embedded.seconds / full.app.seconds;
  addRow({
    part: 'import',
    work: 'same import on the embedded database',
    app: { text: run(embedded), value: embedded.seconds * 1000, unit: 'ms', peakMiB: embedded.peakRssMiB },
    minimum: { text: `on PostgreSQL: ${run(full.app)}`, value: full.app.seconds * 1000, unit: 'ms' },
    ratio: embeddedRatio,
    ratioKind: 'multiple',
    goal: '≤ 1.5×',
    met: embeddedRatio <= 1.5,
  });
}

// `tsx --conditions=react-server scripts/bench/import.ts [rounds]` prints the figures alone (medians of 3 rounds unless told).
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchImport({ rounds: Number(process.argv[2] ?? 3) });
  const s = (x: number) => `${x.toFixed(1)} s`;
  for (const f of [r.half, r.full])
    console.log(
      `import ${f.patients} patients / ${f.visits} visits: ${s(f.app.seconds)}, peak ${f.app.peakRssMiB.toFixed(0)} MiB; ` +
        `floor ${s(f.floor.seconds)} (×${(f.app.seconds / f.floor.seconds).toFixed(2)}); COPY ${f.copy.seconds.toFixed(2)} s (×${(f.app.seconds / f.copy.seconds).toFixed(1)})`,
    );
  console.log(`peak memory 10,000 / 5,000 patients: ×${(r.full.app.peakRssMiB / r.half.app.peakRssMiB).toFixed(2)}`);
  console.log(`embedded 10,000 patients: ${s(r.embedded.seconds)}, peak ${r.embedded.peakRssMiB.toFixed(0)} MiB (×${(r.embedded.seconds / r.full.app.seconds).toFixed(2)} PostgreSQL)`);
  console.log(`medians of ${r.rounds} round${r.rounds === 1 ? '' : 's'}; load average: ${r.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
}
