import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { asc, eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { makeReport } from '@/server/make-report';
import { verifyAuditChain, type ChainResult } from './audit-verify';
import { backupPglite, restorePglite } from './backup/pglite';
import { NotEmptyError, backupPostgres, restorePostgres } from './backup/postgres';
import type { Db } from './client';
import { MIGRATIONS_FOLDER } from './migrate';
import { createPatient, updatePatient } from './queries/patients';
import { listAllSites } from './queries/sites';
import { createVisit } from './queries/visits';
import * as schema from './schema';
import { auditLog, cohorts, patients, sites } from './schema';
import { seedDemo } from './seed';
import { createEmptyTestDatabase, createTestDatabase, patientInput, postgresOnly, visitInput, type TestDatabase } from '@/test-support/db';

// Backup and restore on both databases: what comes back is the same registry (the same audit
// chain, entry for entry, and the same cohort report), and a restore never lands on data.

const COHORT = 'DEMO-JAKI';
const TODAY = '2026-06-30';
const ACTOR = 'user-backup-test';

let tmp: string;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-backup-test-'));
});

after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The demo data, then an added patient with two visits and a corrected dose: several kinds of audit entry. */
async function fill(db: Db): Promise<void> {
  await seedDemo(db);
  const siteIds = (await listAllSites(db)).map((s) => s.id);
  const [nord] = await db.select().from(sites).where(eq(sites.code, 'NORD'));
  const [cohort] = await db.select().from(cohorts).where(eq(cohorts.code, COHORT));
  const fields = { siteId: nord!.id, cohortId: cohort!.id, code: 'NRD-900' };
  const patientId = await createPatient(db, { actorId: ACTOR, siteIds, input: patientInput(fields) });
  await createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  await createVisit(db, { actorId: ACTOR, siteIds, patientId, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up', cdasiActivity: '9' }) });
  const [row] = await db.select({ version: patients.version }).from(patients).where(eq(patients.id, patientId));
  const input = patientInput({ ...fields, jakiDoseMgDay: '2' });
  await updatePatient(db, { actorId: ACTOR, siteIds, patientId, version: row!.version, reason: 'Dose corrected from the prescription', input });
}

type State = { chain: ChainResult; audit: { seq: number; hash: string }[]; report: string };

/** What a restore must give back: the audit chain, entry by entry, and the cohort report. */
async function stateOf(db: Db): Promise<State> {
  const siteIds = (await listAllSites(db)).map((s) => s.id);
  const report = await makeReport(db, { cohortCode: COHORT, siteIds, today: TODAY });
  assert.ok(report, 'the demo cohort is there');
  const audit = (await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(asc(auditLog.seq))).map((e) => ({
    seq: Number(e.seq),
    hash: e.hash,
  }));
  return { chain: await verifyAuditChain(db), audit, report: JSON.stringify(report) };
}

function assertSameRegistry(actual: State, expected: State) {
  assert.ok(actual.chain.ok, `the restored audit chain verifies: ${JSON.stringify(actual.chain)}`);
  assert.deepEqual(actual.chain, expected.chain);
  assert.deepEqual(actual.audit, expected.audit);
  assert.equal(actual.report, expected.report);
}

async function withPostgres<T>(url: string, use: (db: Db) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 2, onnotice: () => {} });
  try {
    return await use(drizzlePostgres(client, { schema }) as unknown as Db);
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function withPglite<T>(dir: string, use: (db: Db) => Promise<T>): Promise<T> {
  const pg = await PGlite.create(dir);
  try {
    return await use(drizzlePglite(pg, { schema }) as unknown as Db);
  } finally {
    await pg.close();
  }
}

function runScript(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', `scripts/${script}`, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('PostgreSQL: npm run db:backup and db:restore', postgresOnly('pg_dump and pg_restore'), () => {
  let t: TestDatabase;
  let source: State;
  let file: string;
  const dropLater: (() => Promise<void>)[] = [];

  before(async () => {
    t = await createTestDatabase();
    await fill(t.db);
    source = await stateOf(t.db);
    assert.ok(source.chain.ok && source.chain.count > 100, 'the source has a long, intact chain');
    file = path.join(tmp, 'registry.dump');
    const result = await backupPostgres(t.url, file);
    assert.equal(result.bytes, fs.statSync(file).size);
    assert.equal(result.contents?.auditEntries, source.audit.length);
    assert.equal(result.contents?.lastAuditHash, source.audit.at(-1)!.hash);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'the backup is readable by its owner only');
  });

  after(async () => {
    for (const drop of dropLater) await drop();
    await t?.cleanup();
  });

  async function emptyDatabase() {
    const d = await createEmptyTestDatabase();
    dropLater.push(d.drop);
    return d;
  }

  test('restored into a new empty database: the chain verifies, entry for entry, and the report is the same', async () => {
    const target = await emptyDatabase();
    const result = await restorePostgres(target.url, file);
    assert.deepEqual(result.chain, source.chain);
    await withPostgres(target.url, async (db) => {
      assertSameRegistry(await stateOf(db), source);

      // The restored database works as the original: append-only, and new entries join the chain.
      await assert.rejects(db.execute(sql`delete from audit_log where seq = 1`), (e: Error) =>
        /append-only/.test(`${e.message} ${(e.cause as Error | undefined)?.message}`),
      );
      const [nord] = await db.select().from(sites).where(eq(sites.code, 'NORD'));
      const [cohort] = await db.select().from(cohorts).where(eq(cohorts.code, COHORT));
      await createPatient(db, { actorId: ACTOR, siteIds: [nord!.id], input: patientInput({ siteId: nord!.id, cohortId: cohort!.id }) });
      const chain = await verifyAuditChain(db);
      assert.ok(chain.ok && chain.count === source.audit.length + 1);
    });

    // --clean puts the backup's contents back over the changed database.
    await restorePostgres(target.url, file, { clean: true });
    await withPostgres(target.url, async (db) => assertSameRegistry(await stateOf(db), source));
  });

  test('a database that holds data is refused without --clean, and nothing changes', async () => {
    await assert.rejects(restorePostgres(t.url, file), (e: Error) => {
      assert.ok(e instanceof NotEmptyError);
      assert.match(e.message, /is not empty \(\d+ tables with 21 patients and \d+ audit entries\): nothing was restored.*--clean/);
      return true;
    });
    assertSameRegistry(await stateOf(t.db), source);
  });

  test('so is a migrated database without records: the restore would clash with its tables', async () => {
    const target = await emptyDatabase();
    await withPostgres(target.url, (db) => migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER }));
    await assert.rejects(restorePostgres(target.url, file), NotEmptyError);
    await withPostgres(target.url, async (db) => assert.deepEqual(await db.select().from(auditLog), []));
  });

  test('the commands: exit 0 with what was done, 1 with a clear message, and no password printed', () => {
    const PASSWORD = 'not-to-be-printed';
    const url = new URL(t.url);
    url.password = PASSWORD;
    const env = { DATABASE_URL: url.toString() };

    const out = path.join(tmp, 'cli', 'registry.dump');
    const backup = runScript('db-backup.ts', ['--out', out], env);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, new RegExp(`Backed up ${t.name} on 127\\.0\\.0\\.1:5432 to .*registry\\.dump`));
    assert.match(backup.stdout, /21 patients, .*audit entries; last audit hash [0-9a-f]{64}/);
    assert.ok(fs.statSync(out).size > 0);

    const again = runScript('db-backup.ts', ['--out', out], env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);

    const refused = runScript('db-restore.ts', ['--in', out], env);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /is not empty .*--clean/);

    const missing = runScript('db-restore.ts', ['--in', path.join(tmp, 'missing.dump')], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No such file/);

    const usage = runScript('db-restore.ts', [], env);
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /Usage: npm run db:restore -- --in FILE/);

    for (const r of [backup, again, refused, missing, usage]) assert.ok(!`${r.stdout}${r.stderr}`.includes(PASSWORD));
  });
});

describe('embedded database: npm run db:backup and db:restore', () => {
  let sourceDir: string;
  let source: State;
  let file: string;

  before(async () => {
    sourceDir = path.join(tmp, 'pglite-source');
    source = await withPglite(sourceDir, async (db) => {
      await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      await fill(db);
      return stateOf(db);
    });
    assert.ok(source.chain.ok && source.chain.count > 100);
    file = path.join(tmp, 'embedded.tar.gz');
  });

  test('refused while another process holds the database, with a clear message', async () => {
    fs.writeFileSync(`${sourceDir}.lock`, String(process.ppid)); // a live process that is not this one
    try {
      await assert.rejects(backupPglite(sourceDir, file), new RegExp(`in use by process ${process.ppid}\\. Stop it first`));
      assert.equal(fs.existsSync(file), false);
    } finally {
      fs.rmSync(`${sourceDir}.lock`);
    }
  });

  test('restored into a new folder: it opens, the chain verifies, entry for entry, and the report is the same', async () => {
    const result = await backupPglite(sourceDir, file);
    assert.equal(result.contents?.lastAuditHash, source.audit.at(-1)!.hash);
    assert.equal(fs.existsSync(`${sourceDir}.lock`), false, 'the lock is released');

    const target = path.join(tmp, 'pglite-restored');
    const restored = await restorePglite(file, target);
    assert.deepEqual(restored.chain, source.chain);
    await withPglite(target, async (db) => assertSameRegistry(await stateOf(db), source));
  });

  test('a folder that holds a database is refused without --clean and left as it was; --clean replaces it', async () => {
    const target = path.join(tmp, 'pglite-restored');
    await withPglite(target, (db) => db.update(sites).set({ name: 'Renamed after the backup' }).where(eq(sites.code, 'NORD')));
    await assert.rejects(restorePglite(file, target), (e: Error) => e instanceof NotEmptyError && /already holds a database.*--clean/.test(e.message));
    await withPglite(target, async (db) => assert.equal((await db.select().from(sites).where(eq(sites.code, 'NORD')))[0]!.name, 'Renamed after the backup'));

    await restorePglite(file, target, { clean: true });
    await withPglite(target, async (db) => {
      assertSameRegistry(await stateOf(db), source);
      assert.equal((await db.select().from(sites).where(eq(sites.code, 'NORD')))[0]!.name, 'Hôpital Nord (demo)');
    });
    assert.deepEqual(fs.readdirSync(tmp).filter((name) => /restoring|replaced|\.lock$/.test(name)), [], 'nothing left behind');
  });

  test('a damaged archive, or one of the other database, is refused before anything is touched', async () => {
    const damaged = path.join(tmp, 'damaged.tar.gz');
    fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, 4096));
    const target = path.join(tmp, 'pglite-never');
    await assert.rejects(restorePglite(damaged, target), /damaged or incomplete/);
    const serverBackup = path.join(tmp, 'server.dump');
    fs.writeFileSync(serverBackup, 'PGDMP\x01\x0e\x00'); // how a pg_dump custom-format archive begins
    await assert.rejects(restorePglite(serverBackup, target), /PostgreSQL server backup.*set DATABASE_URL/);
    assert.equal(fs.existsSync(target), false);
  });
});
