import postgres from 'postgres';
import { closeDb, getDb, type Db } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { DEFAULT_TEST_ADMIN_URL, assertLocalDatabaseUrl } from '@/test-support/db';

// Throw-away databases on the machine's PostgreSQL server (TEST_DATABASE_ADMIN_URL), for the
// end-to-end server and the benchmarks.

// These scripts drop databases: only ever on a server of this machine.
const adminUrl = assertLocalDatabaseUrl(process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL).toString();

function databaseUrl(name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Runs `work` on the database at `url` through the app's data layer (getDb), then closes it
 * and puts DATABASE_URL back as it was.
 */
export async function withDatabaseUrl<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
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
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = databaseUrl(name);
  await withDatabaseUrl(url, async (db) => {
    await migrateDb(db);
    if (fill) await fill(db);
  });
  return url;
}

export async function dropDatabase(name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
