import fs from 'node:fs';
import path from 'node:path';
import type { SQL } from 'drizzle-orm';
import { PgPreparedQuery, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { rethrowUnavailable } from '@/lib/db-unavailable';
import { env } from '@/server/env';
import * as schema from './schema';

// One database for the process: PostgreSQL through postgres.js when DATABASE_URL is set,
// otherwise an embedded PGlite in a folder of its own. Both run the same migrations.

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type Opened = { db: Db; kind: 'postgres' | 'pglite'; close: () => Promise<void> };

const globalForDb = globalThis as unknown as { __dmDb?: Promise<Opened> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export function pgliteDir(): string {
  const dir = env().PGLITE_DIR;
  if (!dir) return path.join(process.cwd(), '.data', 'pglite');
  // No trailing slash: the lock file sits next to the folder, and backups swap the folder.
  return dir.startsWith('memory://') ? dir : dir.replace(/(.)[\\/]+$/, '$1');
}

/**
 * postgres.js settings for a server that may restart under us. The pool (DATABASE_POOL_MAX,
 * 10 by default, per server process) is what the PostgreSQL server must allow for each
 * instance. A connection attempt gives up after DATABASE_CONNECT_TIMEOUT seconds (10) instead
 * of postgres.js's 30, so a request never waits long on a server that does not answer (a
 * stopped server refuses at once; 5 s proved too short for a busy 2-core machine, where the
 * event loop itself can lag seconds behind a new connection); and
 * the wait before reconnecting after failed attempts is capped at one second (postgres.js
 * would grow it to 20 s), so the app is back as soon as the server is.
 */
export function postgresOptions() {
  return {
    max: env().DATABASE_POOL_MAX,
    connect_timeout: env().DATABASE_CONNECT_TIMEOUT,
    backoff: (retries: number) => Math.min(1, 0.05 * 2 ** retries) * (0.5 + Math.random() / 2),
    onnotice: () => {},
  };
}

/**
 * drizzle reports a failed query as an error whose message and properties hold the query's
 * parameters (patient data, session tokens), which Next.js would log for a page. A query that
 * fails because the database cannot be reached is reported instead as a
 * DatabaseUnavailableError: a fixed message, and the digest the error page recognises.
 * Every other error is left as drizzle reports it.
 */
function reportUnavailableCleanly() {
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown>; dmUnavailable?: true };
  if (proto.dmUnavailable || typeof proto.queryWithCache !== 'function') return;
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (e) {
      rethrowUnavailable(e);
    }
  };
  proto.dmUnavailable = true;
}

async function openPostgres(url: string): Promise<Opened> {
  reportUnavailableCleanly();
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, postgresOptions());
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** Two processes on one PGlite folder corrupt it: a lock file keeps the second out. */
export function lockPglite(dir: string): () => void {
  if (dir.startsWith('memory://')) return () => {};
  fs.mkdirSync(dir, { recursive: true });
  const lock = `${dir}.lock`;
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && processAlive(holder))
      throw new Error(`The embedded database ${dir} is in use by process ${holder}. Stop it first.`);
    fs.writeFileSync(lock, String(process.pid));
  }
  const release = () => fs.rmSync(lock, { force: true });
  process.once('exit', release);
  return release;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function openPglite(dir: string): Promise<Opened> {
  const release = lockPglite(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      release();
    },
  };
}

function open(): Promise<Opened> {
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(pgliteDir());
}

function opened(): Promise<Opened> {
  globalForDb.__dmDb ??= open().catch((e) => {
    globalForDb.__dmDb = undefined;
    throw e;
  });
  return globalForDb.__dmDb;
}

export async function getDb(): Promise<Db> {
  return (await opened()).db;
}

export async function databaseKind(): Promise<Opened['kind']> {
  return (await opened()).kind;
}

export async function closeDb(): Promise<void> {
  const current = globalForDb.__dmDb;
  globalForDb.__dmDb = undefined;
  if (current) await (await current).close();
}

export async function migrateDb(db: Db): Promise<void> {
  if ((await databaseKind()) === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/**
 * Rows of a raw query, the same on both drivers (postgres.js answers an array, PGlite an
 * object with `rows`). For hot paths where mapping through the query builder costs too much;
 * cast numerics to float8 and dates to text in the SQL so both drivers agree on the types.
 */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
