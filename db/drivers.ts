import path from 'node:path';
import type { Sql } from 'postgres';
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

/**
 * A postgres.js client that is replaced by a new one after the database went away: a
 * connection whose backend was ended in the middle of a query can hand the old backend's
 * error to its next query, or never connect again (postgres.js 3.4.9; porsager/postgres
 * issues 1223 and 1215). Calls go to the newest client; the one replaced finishes what it
 * was doing (at most 5 s) and closes. At most one replacement a second, however many
 * queries fail during an outage.
 */
function renewable(open: () => Sql): { client: Sql; renew: () => void; end: () => Promise<void> } {
  let current = open();
  let renewedAt = -Infinity;
  const client = new Proxy(current, {
    get: (_, key) => Reflect.get(current, key),
    apply: (_, self, args) => Reflect.apply(current, self, args),
  });
  const renew = () => {
    if (performance.now() - renewedAt < 1000) return;
    renewedAt = performance.now();
    const old = current;
    current = open();
    // drizzle set its own parsers on the first client's options (dates kept as text).
    Object.assign(current.options.parsers, old.options.parsers);
    Object.assign(current.options.serializers, old.options.serializers);
    old.end({ timeout: 5 }).catch(() => {});
  };
  return { client, renew, end: () => current.end({ timeout: 5 }) };
}

async function openPostgres(url: string): Promise<Opened> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const pool = renewable(() => postgres(url, postgresOptions()));
  // Not when the server is out of connections: a new pool beside the closing one would ask
  // for more.
  reportUnavailableCleanly((code) => {
    if (code !== '53300') pool.renew();
  });
  const db = drizzle(namedStatements(pool.client), { schema }) as unknown as Db;
  return { db, kind: 'postgres', close: pool.end };
}

/**
 * Settings of every embedded database: a new WAL segment is not first filled with zeros (on
 * PGlite, 16 MB more written through Emscripten's file system for every 16 MB of WAL).
 */
const PGLITE_SETTINGS = ['wal_init_zero=off'];

/**
 * And of one opened for bulk work: a smaller cache. PGlite zeroes its shared buffers as it
 * opens (about 0.3 s for the default 128 MB on a 2-core machine), and an import writes each
 * page about once, so a large cache gives it nothing back.
 */
const PGLITE_BULK_SETTINGS = ['shared_buffers=32MB'];

async function openPglite(dir: string, { bulk }: { bulk: boolean }): Promise<Opened> {
  const release = lockPglite(dir);
  // The bulk writer's thread starts opening the database before this thread loads PGlite and
  // drizzle (0.1 s): the import waits for the database to open, not for its own modules.
  const thread = bulk ? new (await import('./pglite-thread')).PgliteThread(dir, { settings: [...PGLITE_SETTINGS, ...PGLITE_BULK_SETTINGS] }) : null;
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = thread ?? (await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])] }));
  const db = drizzle(client as InstanceType<typeof PGlite>, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * The database the environment names: DATABASE_URL's server, else the embedded one. `bulk`:
 * for a command whose own work should go on while the database writes (the import), the
 * embedded database runs on a thread of its own (pglite-thread.ts).
 */
export function openDatabase({ bulk = false }: { bulk?: boolean } = {}): Promise<Opened> {
  const url = env().DATABASE_URL;
  return url ? openPostgres(url) : openPglite(pgliteDir(), { bulk });
}
