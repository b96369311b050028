// Test support for the integration tests: a fresh PostgreSQL database per test file, migrated,
// dropped afterwards. Only ever on a server of this machine, and only databases it named itself.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count, max, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { patientSchema, type PatientInput } from '@/lib/schemas/patient';
import { visitSchema, type VisitInput } from '@/lib/schemas/visit';
import { closeDb, databaseKind, getDb, type Db } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { importCohort } from '@/db/queries/import';
import { adverseEvents, auditLog, cohorts, patients, sites, user, visits } from '@/db/schema';

export const DEFAULT_TEST_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const TEST_DB_NAME = /^dm_test_\d+_[0-9a-f]{8}$/;

export type TestDatabase = { db: Db; name: string; url: string; cleanup: () => Promise<void> };

/** Throws unless the URL is a postgres:// URL on this machine: tests create and drop databases. */
export function assertLocalDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('TEST_DATABASE_ADMIN_URL is not a URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(`Refusing to run tests: ${parsed.protocol} is not a PostgreSQL URL`);
  if (!LOCAL_HOSTS.has(parsed.hostname))
    throw new Error(`Refusing to run tests against ${parsed.hostname || 'an unnamed host'}: only a local server (127.0.0.1, localhost, ::1) may be used`);
  return parsed;
}

let active: string | null = null;

/**
 * Creates a uniquely named database, points DATABASE_URL at it, opens it with getDb() and
 * migrates it. `cleanup` closes it and drops the database. One at a time per process, since
 * getDb() keeps one database per process.
 */
export async function createTestDatabase(
  adminUrl: string = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL,
): Promise<TestDatabase> {
  const admin = assertLocalDatabaseUrl(adminUrl);
  if (active) throw new Error(`A test database (${active}) is already open in this process: clean it up first`);

  const name = `dm_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const target = new URL(admin);
  target.pathname = `/${name}`;
  const url = target.toString();

  const adminClient = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await adminClient.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await adminClient.end({ timeout: 5 });
  }
  active = name;

  const previousUrl = process.env.DATABASE_URL;
  const dropDatabase = async () => {
    if (!TEST_DB_NAME.test(name)) throw new Error(`Refusing to drop ${name}: not a test database`);
    const adminClient = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await adminClient.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await adminClient.end({ timeout: 5 });
    }
  };

  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    try {
      await closeDb();
    } finally {
      if (previousUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previousUrl;
      active = null;
      await dropDatabase();
    }
  };

  try {
    await closeDb(); // a database opened earlier in this process must not be reused
    process.env.DATABASE_URL = url;
    const db = await getDb();
    if ((await databaseKind()) !== 'postgres') throw new Error('getDb() did not open PostgreSQL');
    const rows = (await db.execute(sql`select current_database() as name`)) as unknown as { name: string }[];
    const current = rows[0]?.name;
    if (current !== name) throw new Error(`getDb() opened ${current ?? 'an unknown database'}, not the test database ${name}`);
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
    users: await countRows(db, user),
    sites: await countRows(db, sites),
    cohorts: await countRows(db, cohorts),
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
  const read = (name: string) => fs.readFileSync(path.join(folder, name), 'utf8');
  const imported = await importCohort(db, {
    actorId: 'system:test',
    files: { patients: read('patients.csv'), visits: read('visits.csv'), adverseEvents: read('adverse_events.csv') },
  });
  assert.ok(imported.ok, JSON.stringify(imported));
  return { siteIds: (await db.select({ id: sites.id }).from(sites)).map((s) => s.id) };
}
