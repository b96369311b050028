// Test support for the integration tests: a fresh database per test file, migrated, dropped
// afterwards. On PostgreSQL (the default) only ever on a server of this machine, and only
// databases it named itself; with TEST_DRIVER=pglite an embedded PGlite in a folder of its
// own, as the demo runs.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count, max, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { patientSchema, type PatientInput } from '@/lib/schemas/patient';
import { visitSchema, type VisitInput } from '@/lib/schemas/visit';
import { closeDb, databaseKind, getDb, selectRows, type Db } from '@/db/client';
import { DEFAULT_TEST_ADMIN_URL, assertLocalDatabaseUrl } from '@/db/local-only';
import { migrateDb } from '@/db/migrate';
import { importCohort } from '@/db/queries/import';
import { adverseEvents, auditLog, cohorts, dataQueries, dataQuerySteps, patients, relapses, sites, user, visits } from '@/db/schema';
import { freshPgliteFolder } from './db-pglite';

export { DEFAULT_TEST_ADMIN_URL, assertLocalDatabaseUrl };

const TEST_DB_NAME = /^dm_test_\d+_[0-9a-f]{8}$/;

/**
 * `url` is the PostgreSQL database's address, for a second connection or process. On PGlite
 * it is `pglite:` and the folder, which no PostgreSQL client takes: tests that need it are
 * postgresOnly().
 */
export type TestDatabase = { db: Db; name: string; url: string; cleanup: () => Promise<void> };

/** The driver the data-layer tests run on: TEST_DRIVER=postgres (the default) or pglite. */
export const TEST_DRIVER = testDriver(process.env.TEST_DRIVER);

function testDriver(value: string | undefined): 'postgres' | 'pglite' {
  if (!value || value === 'postgres') return 'postgres';
  if (value === 'pglite') return 'pglite';
  throw new Error('TEST_DRIVER must be postgres (the default) or pglite');
}

/**
 * Test options for what only a PostgreSQL server can do (a second connection or process on
 * the same database, pg_dump, a server that goes away): skipped on PGlite, saying why.
 */
export function postgresOnly(reason: string): { skip: string | false } {
  return { skip: TEST_DRIVER === 'pglite' && `PostgreSQL only: ${reason}` };
}

let active: string | null = null;

/**
 * Creates a uniquely named database, points DATABASE_URL at it, opens it with getDb() and
 * migrates it. `cleanup` closes it and drops the database. One at a time per process, since
 * getDb() keeps one database per process. With TEST_DRIVER=pglite: a new PGlite folder
 * instead (DATABASE_URL unset, PGLITE_DIR set), removed on cleanup.
 */
export async function createTestDatabase(
  adminUrl: string = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL,
): Promise<TestDatabase> {
  assertLocalDatabaseUrl(adminUrl);
  if (active) throw new Error(`A test database (${active}) is already open in this process: clean it up first`);
  if (TEST_DRIVER === 'pglite') return createPgliteTestDatabase();
  const { name, url, drop } = await createEmptyTestDatabase(adminUrl);
  return openTestDatabase({
    name,
    url,
    settings: { DATABASE_URL: url },
    check: async (db) => {
      if ((await databaseKind()) !== 'postgres') throw new Error('getDb() did not open PostgreSQL');
      const [current] = await selectRows<{ name: string }>(db, sql`select current_database() as name`);
      if (current?.name !== name) throw new Error(`getDb() opened ${current?.name ?? 'an unknown database'}, not the test database ${name}`);
    },
    dispose: drop,
  });
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const folder = await freshPgliteFolder();
  return openTestDatabase({
    name: `pglite_${process.pid}_${crypto.randomBytes(4).toString('hex')}`,
    url: `pglite:${folder.dir}`,
    settings: { PGLITE_DIR: folder.dir },
    check: async () => {
      if ((await databaseKind()) !== 'pglite') throw new Error('getDb() did not open PGlite');
    },
    dispose: folder.remove,
  });
}

type Settings = { DATABASE_URL?: string; PGLITE_DIR?: string };

/** Sets the process's database settings; returns how to put back the ones before. */
function pointAt(settings: Settings): () => void {
  const previous = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };
  const set = (values: Settings) => {
    for (const key of ['DATABASE_URL', 'PGLITE_DIR'] as const) {
      if (values[key] === undefined) delete process.env[key];
      else process.env[key] = values[key];
    }
  };
  set(settings);
  return () => set(previous);
}

/**
 * Points the settings at the new database, opens it with getDb(), `check`s it is the one meant
 * and migrates it. `cleanup` closes it, puts the settings back and `dispose`s of it.
 */
async function openTestDatabase({
  name,
  url,
  settings,
  check,
  dispose,
}: {
  name: string;
  url: string;
  settings: Settings;
  check: (db: Db) => Promise<void>;
  dispose: () => unknown;
}): Promise<TestDatabase> {
  active = name;
  let restore = () => {};
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    try {
      await closeDb();
    } finally {
      restore();
      active = null;
      await dispose();
    }
  };
  try {
    await closeDb(); // a database opened earlier in this process must not be reused
    restore = pointAt(settings);
    const db = await getDb();
    await check(db);
    await migrateDb(db);
    return { db, name, url, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/**
 * A second, empty database (not migrated, not opened), e.g. to restore a backup into. Named
 * and dropped like createTestDatabase's; any number at a time.
 */
export async function createEmptyTestDatabase(
  adminUrl: string = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const admin = assertLocalDatabaseUrl(adminUrl);
  const name = `dm_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const target = new URL(admin);
  target.pathname = `/${name}`;
  const run = async (statement: string) => {
    const adminClient = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await adminClient.unsafe(statement);
    } finally {
      await adminClient.end({ timeout: 5 });
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const drop = async () => {
    if (!TEST_DB_NAME.test(name)) throw new Error(`Refusing to drop ${name}: not a test database`);
    await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { name, url: target.toString(), drop };
}

/** Rows in a table, to show that a refused save wrote nothing. */
export async function countRows(db: Db, table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/** A site and a cohort with unique codes. */
export async function makeSite(db: Db, code: string = uniqueCode('S')) {
  const [site] = await db.insert(sites).values({ code, name: `Site ${code}` }).returning();
  return site!;
}

export async function makeCohort(db: Db, code: string = uniqueCode('C')) {
  const [cohort] = await db.insert(cohorts).values({ code, name: `Cohort ${code}` }).returning();
  return cohort!;
}

let counter = 0;
export function uniqueCode(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** A valid patient as the patient form would send it, parsed by the app's schema. */
export function patientInput(fields: { siteId: string; cohortId: string } & Record<string, unknown>): PatientInput {
  return patientSchema.parse({
    code: uniqueCode('P'),
    sex: 'F',
    birthYear: '1968',
    diagnosisDate: '2019-06-01',
    dmSubtype: 'classic',
    antibodies: ['tif1g'],
    previousTreatments: ['hydroxychloroquine', 'methotrexate'],
    ild: 'no',
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: '4',
    jakiStartDate: '2024-01-10',
    jakiStopDate: '',
    jakiStopReason: '',
    deathDate: '',
    deathCause: '',
    ...fields,
  });
}

/** A valid visit as the visit form would send it, parsed by the app's schema. */
export function visitInput(fields: { visitDate: string; visitType: 'baseline' | 'follow_up' } & Record<string, unknown>): VisitInput {
  return visitSchema.parse({
    cdasiActivity: '27',
    cdasiDamage: '4',
    mmt8: '120',
    prednisoneMgDay: '10',
    ivig: 'none',
    ivigDoseGKg: '',
    ivigIntervalWeeks: '',
    jakiDoseMgDay: '4',
    activeCutaneous: 'yes',
    activeMuscle: 'no',
    physicianGlobal: '5',
    patientGlobal: '6',
    extramuscularGlobal: '3',
    haq: '1.25',
    ckUL: '180',
    ...fields,
  });
}

/** Rows of every table a write can add to, and the audit chain's end: equal before and after when nothing was written. */
export async function recordCounts(db: Db) {
  const [end] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return {
    patients: await countRows(db, patients),
    visits: await countRows(db, visits),
    adverseEvents: await countRows(db, adverseEvents),
    relapses: await countRows(db, relapses),
    users: await countRows(db, user),
    sites: await countRows(db, sites),
    cohorts: await countRows(db, cohorts),
    queries: await countRows(db, dataQueries),
    querySteps: await countRows(db, dataQuerySteps),
    audit: await countRows(db, auditLog),
    seq: end?.seq ?? null,
  };
}

/** Runs `save`, expects it to throw `kind`, and checks that nothing was written (recordCounts). */
export async function refusedWritesNothing(db: Db, save: () => Promise<unknown>, kind: new (...args: never[]) => Error) {
  const counts = () => recordCounts(db);
  const before = await counts();
  let caught: unknown;
  await assert.rejects(save(), (e) => {
    caught = e;
    return e instanceof kind;
  });
  assert.deepEqual(await counts(), before, 'a refused save must write nothing');
  return caught;
}

/** The pilot fixture (fixtures/pilot, cohort E2E-PILOT) imported as a system user; the ids of every site. */
export async function importPilot(db: Db): Promise<{ siteIds: string[] }> {
  const folder = path.join(import.meta.dirname, '..', 'fixtures', 'pilot');
  const read = (name: string) => (fs.existsSync(path.join(folder, name)) ? fs.readFileSync(path.join(folder, name), 'utf8') : '');
  const imported = await importCohort(db, {
    actorId: 'system:test',
    files: { patients: read('patients.csv'), visits: read('visits.csv'), adverseEvents: read('adverse_events.csv'), relapses: read('relapses.csv') },
  });
  assert.ok(imported.ok, JSON.stringify(imported));
  return { siteIds: (await db.select({ id: sites.id }).from(sites)).map((s) => s.id) };
}

/** What most data-layer test files start from: their own database, two sites and a cohort. */
export type SitesWorld = { db: Db; siteA: string; siteB: string; cohortId: string };

/**
 * Registers the file's `before` and `after`: a fresh test database with two sites and a
 * cohort, handed to `ready` before the first test, and dropped after the file's tests.
 * (Node 20 does not wait for one top-level `before` hook before starting the next, so the
 * file gets its values from here rather than from a hook of its own.)
 */
/** A test file's own database holding the pilot cohort (fixtures/pilot), and its sites' ids. */
export function databaseWithPilot(ready: (world: { db: Db; siteIds: string[] }) => void): void {
  let t: TestDatabase | undefined;
  before(async () => {
    t = await createTestDatabase();
    ready({ db: t.db, ...(await importPilot(t.db)) });
  });
  after(async () => {
    await t?.cleanup();
  });
}

export function databaseWithTwoSites(ready: (world: SitesWorld) => void): void {
  let t: TestDatabase | undefined;
  before(async () => {
    t = await createTestDatabase();
    ready({ db: t.db, siteA: (await makeSite(t.db)).id, siteB: (await makeSite(t.db)).id, cohortId: (await makeCohort(t.db)).id });
  });
  after(async () => {
    await t?.cleanup();
  });
}
