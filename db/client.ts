import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { openDatabase, type Opened } from './drivers';
import type * as schema from './schema';

// One database for the process, opened on first use (db/drivers.ts chooses PostgreSQL or the
// embedded PGlite) and shared by every request.

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { __dmDb?: Promise<Opened>; __dmBulk?: boolean };

/**
 * Call before the first getDb() in a command that writes in bulk (the import): the embedded
 * database is then opened for it (drivers.ts). A server never calls this.
 */
export function openForBulkWork(): void {
  globalForDb.__dmBulk = true;
}

function opened(): Promise<Opened> {
  globalForDb.__dmDb ??= openDatabase({ bulk: globalForDb.__dmBulk }).catch((e) => {
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

/**
 * Rows of a raw query, the same on both drivers (postgres.js answers an array, PGlite an
 * object with `rows`). For hot paths where mapping through the query builder costs too much;
 * cast numerics to float8 and dates to text in the SQL so both drivers agree on the types.
 */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const dialect = new PgDialect();

/**
 * Rows of a raw query as arrays of their column values, in the select's order, the same on
 * both drivers. For the largest reads: postgres.js builds a row object by setting each column
 * by name, which on fifty thousand rows of twenty columns cost twice the time of reading them
 * as arrays (the report's visits). Cast as for selectRows.
 */
export async function selectValues<T extends unknown[]>(db: Db, query: SQL): Promise<T[]> {
  // A result mapper makes both drivers answer arrays (postgres.js .values(), PGlite rowMode 'array').
  const prepared = db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, undefined, true, (rows) => rows);
  return (await prepared.execute()) as T[];
}
