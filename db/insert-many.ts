import { SQL, getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgInsertBuilder, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client';

const BATCH = 1000;

/**
 * Inserts rows a thousand at a time, each statement sending its rows as one JSON parameter:
 * drizzle's multi-row `values()` spends far longer building 30,000 parameters than PostgreSQL
 * spends inserting them. Columns the rows leave out take their defaults; rows come back as
 * drizzle maps them, for the audit entries.
 */
export async function insertMany<T extends PgTable>(tx: Db, table: T, rows: Record<string, unknown>[]): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const given = columns.filter(([key]) => key in rows[0]!);
  const types = sql.join(given.map(([, col]) => sql`${sql.identifier(col.name)} ${sql.raw(col.getSQLType())}`), sql`, `);
  const select = sql.join(columns.map(([key, col]) => (key in rows[0]! ? sql`r.${sql.identifier(col.name)}` : defaultOf(col))), sql`, `);
  const out: T['$inferSelect'][] = [];
  for (const batch of chunks(rows)) {
    const json = JSON.stringify(batch.map((row) => Object.fromEntries(given.map(([key, col]) => [col.name, row[key] ?? null]))));
    const inserted = await (tx.insert(table) as PgInsertBuilder<T, never>)
      .select(sql`select ${select} from jsonb_to_recordset(${json}::jsonb) as r(${types})`)
      .returning();
    out.push(...(inserted as T['$inferSelect'][]));
  }
  return out;
}

function defaultOf(col: PgColumn): SQL {
  const value: unknown = col.default;
  if (value instanceof SQL) return value;
  if (value === undefined || value === null) return sql`null`;
  if (typeof value === 'number' || typeof value === 'boolean') return sql.raw(String(value));
  if (Array.isArray(value) && value.length === 0) return sql.raw(`'{}'::${col.getSQLType()}`);
  throw new Error(`insertMany: give ${col.name} a value`);
}

export function chunks<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
