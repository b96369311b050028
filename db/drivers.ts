import path from 'node:path';
import { env } from '@/server/env';
import type { Db } from './client';
import { reportUnavailableCleanly } from './clean-errors';
import { namedStatements } from './named-statements';
import { lockPglite } from './pglite-lock';
import * as schema from './schema';

// The two ways to the database: PostgreSQL through postgres.js when DATABASE_URL is set,
// otherwise an embedded PGlite in a folder of its own. Both run the same migrations.

export type Opened = { db: Db; kind: 'postgres' | 'pglite'; close: () => Promise<void> };

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

async function openPostgres(url: string): Promise<Opened> {
  reportUnavailableCleanly();
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, postgresOptions());
  const db = drizzle(namedStatements(client), { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
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

/** The database the environment names: DATABASE_URL's server, else the embedded one. */
export function openDatabase(): Promise<Opened> {
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(pgliteDir());
}
