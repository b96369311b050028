import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, inArray, sql } from 'drizzle-orm';
import { createTestDatabase, makeSite, postgresOnly, type TestDatabase } from '@/test-support/db';
import { selectRows, type Db } from './client';
import { sites } from './schema';

// The app's queries run as named statements of their connection (db/named-statements.ts), in
// and out of transactions and savepoints; statements of many parameters stay unnamed.

let t: TestDatabase;
let db: Db;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
});

after(async () => {
  await t?.cleanup();
});

/** The statements this connection has named whose text holds `marker`. */
async function named(tx: Db, marker: string): Promise<string[]> {
  const rows = await selectRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);
  return rows.map((r) => r.statement);
}

test('a query with parameters is named, in a transaction and in a savepoint, and answers as before', postgresOnly('pg_prepared_statements'), async () => {
  const site = await makeSite(db);
  await db.transaction(async (tx) => {
    const [found] = await tx.select({ code: sites.code, marker: sql<string>`'in-transaction'` }).from(sites).where(eq(sites.id, site.id));
    assert.equal(found?.code, site.code);
    assert.equal((await named(tx, 'in-transaction')).length, 1);
    await tx.transaction(async (inner) => {
      const [again] = await inner.select({ code: sites.code, marker: sql<string>`'in-savepoint'` }).from(sites).where(eq(sites.id, site.id));
      assert.equal(again?.code, site.code);
      assert.equal((await named(inner, 'in-savepoint')).length, 1);
    });
  });
});

test('a query of more than 64 parameters is not named', postgresOnly('pg_prepared_statements'), async () => {
  const site = await makeSite(db);
  const ids = [site.id, ...Array.from({ length: 64 }, () => crypto.randomUUID())];
  await db.transaction(async (tx) => {
    const found = await tx.select({ code: sites.code, marker: sql<string>`'many-parameters'` }).from(sites).where(inArray(sites.id, ids));
    assert.deepEqual(found.map((r) => r.code), [site.code]);
    assert.deepEqual(await named(tx, 'many-parameters'), []);
  });
});
