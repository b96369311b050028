import postgres from 'postgres';
import { closeDb, getDb, type Db } from '@/db/client';
import { assertLocalDatabaseUrl, testAdminUrl, testDatabaseUrl } from '@/db/local-only';
import { migrateDb } from '@/db/migrate';

// Throw-away databases on the machine's PostgreSQL server (TEST_DATABASE_ADMIN_URL), for the
// end-to-end server and the benchmarks. These scripts drop databases: only ever on a server
// of this machine (db/local-only.ts).

/**
 * Points DATABASE_URL at a database of this machine while `work` runs on it (getDb()), then
 * closes it and puts DATABASE_URL back. `what` names the URL's origin in a refusal.
 */
export async function withLocalDatabase<T>(url: string, what: string, work: (db: Db) => Promise<T>): Promise<T> {
  assertLocalDatabaseUrl(url, what);
  const previous = process.env.DATABASE_URL;
  await closeDb();
  process.env.DATABASE_URL = url;
  try {
    return await work(await getDb());
  } finally {
    await closeDb();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** A new, migrated database; `fill` may add data through the app's own data layer. */
export async function freshPostgres(name: string, fill?: (db: Db) => Promise<void>): Promise<string> {
  const admin = postgres(testAdminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = testDatabaseUrl(name);
  await withLocalDatabase(url, 'TEST_DATABASE_ADMIN_URL', async (db) => {
    await migrateDb(db);
    if (fill) await fill(db);
  });
  return url;
}

export async function dropDatabase(name: string) {
  const admin = postgres(testAdminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
