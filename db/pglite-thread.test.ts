import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { freshPgliteFolder } from '@/test-support/db-pglite';
import { files, patientCells, visitCells } from '@/test-support/interchange';
import { INTERCHANGE_FILES, type InterchangeFiles } from '@/lib/interchange';
import { verifyAuditChain } from './audit-verify';
import { selectRows, selectValues, type Db } from './client';
import { constraintViolation } from './pg-errors';
import { PgliteThread } from './pglite-thread';
import * as schema from './schema';

// The embedded database on a thread of its own (the import's): the same answers, transactions
// and errors as PGlite on the caller's thread, through drizzle as the app uses it.

let folder: { dir: string; remove: () => void };
let thread: PgliteThread;
let db: Db;

before(async () => {
  folder = await freshPgliteFolder();
  thread = new PgliteThread(folder.dir, { settings: ['temp_buffers=16MB'] });
  db = drizzle(thread as unknown as PGlite, { schema }) as unknown as Db;
  await db.execute(sql`create table probe (id integer primary key, note text)`);
});

after(async () => {
  await thread?.close();
  folder?.remove();
});

const TYPED = sql`select date '2024-02-29' as d, timestamptz '2024-02-29 10:00:00+00' as at, 1.50::numeric as n, 3::int8 as big,
  '{"a": [1, null]}'::jsonb as j, array['x', 'y'] as list, true as yes, null::text as nothing, setting as buffers
  from pg_settings where name = 'temp_buffers'`;

test('answers as PGlite on the calling thread does, rows as objects and as arrays, with its settings', async () => {
  const [row] = await selectRows<Record<string, unknown>>(db, TYPED);
  // Dates and times stay PostgreSQL's text, as drizzle's PGlite session keeps them.
  assert.deepEqual(row, { d: '2024-02-29', at: '2024-02-29 10:00:00+00', n: '1.50', big: 3, j: { a: [1, null] }, list: ['x', 'y'], yes: true, nothing: null, buffers: '2048' });
  const [values] = await selectValues<unknown[]>(db, TYPED);
  assert.deepEqual(values, Object.values(row!));

  const other = await freshPgliteFolder();
  const here = await PGlite.create(other.dir);
  try {
    const local = drizzle(here, { schema }) as unknown as Db;
    assert.deepEqual(await selectRows(local, TYPED), [{ ...row, buffers: '1024' }]);
    assert.deepEqual(await selectValues(local, TYPED), [[...Object.values(row!).slice(0, -1), '1024']]);
  } finally {
    await here.close();
    other.remove();
  }
});

test('a transaction commits when its work returns, and other queries wait for it', async () => {
  let inside!: () => void;
  const begun = new Promise<void>((resolve) => (inside = resolve));
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const transaction = db.transaction(async (tx) => {
    await tx.execute(sql`insert into probe values (1, 'not yet')`);
    inside();
    await held;
    await tx.execute(sql`update probe set note = 'committed' where id = 1`);
  });
  await begun;
  const outside = selectRows<{ note: string }>(db, sql`select note from probe where id = 1`);
  release();
  await transaction;
  assert.deepEqual(await outside, [{ note: 'committed' }], 'read after the commit, not in the middle of the transaction');
});

test('a transaction that throws is rolled back and its error reported, with the database error in its cause', async () => {
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.execute(sql`insert into probe values (2, 'rolled back')`);
      await tx.execute(sql`insert into probe values (1, 'duplicate')`);
    }),
    (e: unknown) => {
      assert.deepEqual(constraintViolation(e), { kind: 'unique', constraint: 'probe_pkey' });
      return true;
    },
  );
  assert.deepEqual(await selectRows(db, sql`select id from probe order by id`), [{ id: 1 }]);
  await assert.rejects(db.transaction(async () => Promise.reject(new Error('the caller gave up'))), /the caller gave up/);
});

test('savepoints inside a transaction roll back their part only', async () => {
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into probe values (3, 'kept')`);
    await tx.execute(sql`savepoint part`);
    await assert.rejects(tx.execute(sql`insert into probe values (3, 'again')`));
    await tx.execute(sql`rollback to savepoint part`);
    await tx.execute(sql`insert into probe values (4, 'after the savepoint')`);
  });
  assert.deepEqual(await selectRows(db, sql`select id from probe where id > 2 order by id`), [{ id: 3 }, { id: 4 }]);
});

test('many statements sent at once run in the order sent', async () => {
  await db.execute(sql`create table sent (n integer)`);
  await db.transaction(async (tx) => {
    await Promise.all(Array.from({ length: 50 }, (_, n) => tx.execute(sql`insert into sent values (${n})`)));
  });
  const rows = await selectValues<[number]>(db, sql`select n from sent order by ctid`);
  assert.deepEqual(rows.map(([n]) => n), Array.from({ length: 50 }, (_, n) => n));
});

test('a folder that cannot be opened fails each query with the reason, and the thread can still be closed', async () => {
  const notAFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dm-pglite-thread-')), 'file');
  fs.writeFileSync(notAFolder, 'not a database');
  const broken = new PgliteThread(notAFolder);
  try {
    await assert.rejects(broken.query('select 1'), /ErrnoError \d+ from the embedded database's file system/);
    await assert.rejects(broken.query('select 1'));
  } finally {
    await broken.close();
    fs.rmSync(path.dirname(notAFolder), { recursive: true, force: true });
  }
});

/** `npm run import` on a folder holding `cohort`'s files, into the embedded database in `dir`. */
function runImport(dir: string, cohort: InterchangeFiles) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-pglite-thread-import-'));
  try {
    for (const { key, file } of INTERCHANGE_FILES) fs.writeFileSync(path.join(folder, file), cohort[key]);
    return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', folder], {
      env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: dir },
      encoding: 'utf8',
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

test('npm run import writes into the embedded database through its thread, all or nothing', async () => {
  const target = await freshPgliteFolder();
  try {
    const patients = [patientCells({ patient_code: 'THR-1' }), patientCells({ patient_code: 'THR-2' })];
    const visits = ['THR-1', 'THR-2'].map((code) => visitCells({ patient_code: code }));
    const refused = runImport(target.dir, files({ patients, events: [], visits: [...visits, visitCells({ patient_code: 'THR-2', visit_date: '2024-04-10', visit_type: 'follow_up', mmt8: '151' })] }));
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /visits\.csv:4: mmt8: /);
    const imported = runImport(target.dir, files({ patients, visits, events: [] }));
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 2 patients, 2 visits\b/);

    const pg = await PGlite.create(target.dir);
    try {
      const local = drizzle(pg, { schema }) as unknown as Db;
      const counts = await selectRows(local, sql`select (select count(*)::int from patient) as patients, (select count(*)::int from visit) as visits`);
      assert.deepEqual(counts, [{ patients: 2, visits: 2 }], 'the refused import wrote nothing');
      assert.equal((await verifyAuditChain(local)).ok, true);
    } finally {
      await pg.close();
    }
  } finally {
    target.remove();
  }
});
