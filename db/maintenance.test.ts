import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '@/test-support/db';
import { selectRows, type Db } from './client';
import { analyzeWhereNoAutovacuum, autovacuumRuns } from './maintenance';

// A bulk writer (the import) analyzes the tables it filled only where autovacuum will not:
// the embedded database has none.

let t: TestDatabase;
let db: Db;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
});

after(async () => {
  await t?.cleanup();
});

const reltuples = async () =>
  Number((await selectRows<{ n: number }>(db, sql`select reltuples::float8 as n from pg_class where relname = 'maintenance_probe'`))[0]?.n);

test('the embedded database is analyzed by the writer; a server running autovacuum is left to it', async () => {
  const [setting] = await selectRows<{ on: boolean }>(db, sql`select current_setting('autovacuum') = 'on' as on`);
  const expected = TEST_DRIVER === 'pglite' ? false : Boolean(setting?.on);
  assert.equal(await autovacuumRuns(db), expected);

  await db.execute(sql`create table maintenance_probe (n integer)`);
  await db.execute(sql`insert into maintenance_probe values (1), (2), (3)`);
  assert.equal(await reltuples(), -1, 'never analyzed yet');
  await analyzeWhereNoAutovacuum(db, sql`maintenance_probe`);
  // Three rows are far below autovacuum's threshold: only the writer's analyze counts them.
  assert.equal(await reltuples(), expected ? -1 : 3);
});
