import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import postgres from 'postgres';
import { DEFAULT_TEST_ADMIN_URL, TEST_DRIVER, assertLocalDatabaseUrl, countRows, createTestDatabase, postgresOnly } from './db';
import { patients } from '@/db/schema';

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL;

async function databaseExists(name: string): Promise<boolean> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    return rows.length > 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

describe('createTestDatabase', () => {
  test('refuses a server that is not on this machine, before connecting', async () => {
    for (const url of ['postgres://postgres@db.example.com:5432/postgres', 'postgres://postgres@10.0.0.5/postgres', 'mysql://root@127.0.0.1/x', 'not a url'])
      await assert.rejects(createTestDatabase(url), /Refusing|not a URL/, url);
    assert.throws(() => assertLocalDatabaseUrl('postgresql://u@prod-db.internal:5432/registry'), /Refusing to run tests against prod-db\.internal/);
    assert.equal(assertLocalDatabaseUrl('postgres://postgres@localhost:5432/postgres').hostname, 'localhost');
  });

  test('creates a migrated database of its own, sets DATABASE_URL, and drops it on cleanup', postgresOnly('a database on the server'), async () => {
    const before = process.env.DATABASE_URL;
    const { db, name, url, cleanup } = await createTestDatabase();
    try {
      assert.match(name, /^dm_test_\d+_[0-9a-f]{8}$/);
      assert.equal(process.env.DATABASE_URL, url);
      assert.ok(url.endsWith(`/${name}`));
      assert.equal(await databaseExists(name), true);
      assert.equal(await countRows(db, patients), 0);
      await assert.rejects(createTestDatabase(), /already open/);
    } finally {
      await cleanup();
    }
    assert.equal(await databaseExists(name), false);
    assert.equal(process.env.DATABASE_URL, before);
    await cleanup(); // a second cleanup is harmless
  });

  test('on PGlite: a migrated folder of its own, DATABASE_URL unset meanwhile; removed and the settings put back on cleanup', { skip: TEST_DRIVER !== 'pglite' && 'TEST_DRIVER=pglite only' }, async () => {
    const before = { url: process.env.DATABASE_URL, dir: process.env.PGLITE_DIR };
    const { db, url, cleanup } = await createTestDatabase();
    const dir = url.replace(/^pglite:/, '');
    try {
      assert.match(url, /^pglite:\//);
      assert.equal(process.env.DATABASE_URL, undefined);
      assert.equal(process.env.PGLITE_DIR, dir);
      assert.equal(await countRows(db, patients), 0);
      await assert.rejects(createTestDatabase(), /already open/);
    } finally {
      await cleanup();
    }
    assert.equal(fs.existsSync(dir), false);
    assert.deepEqual({ url: process.env.DATABASE_URL, dir: process.env.PGLITE_DIR }, before);
  });
});
