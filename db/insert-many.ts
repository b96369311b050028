import { SQL, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { AUDIT_STAGED, beginAuditStaging } from './audit';
import { selectRows, type Db } from './client';
import { currentCorrelationId, currentTokenName } from './correlation';
import { auditLog, type AuditEntity } from './schema';

const BATCH = 1000;

type Creation = { actorId: string; entity: AuditEntity; reason: string };

/**
 * Inserts rows a thousand at a time and, in the same statement, stages a `create` audit entry
 * per row (beginAuditStaging: the caller appends them with appendStagedAudit before it commits)
 * holding the row as drizzle reads it (the shape every other writer's entry has), built by
 * PostgreSQL from the stored row. Each statement sends its rows as one JSON parameter (json,
 * which PostgreSQL reads faster than jsonb) and brings back only the columns asked for:
 * bringing every row back to Node and sending it again as its audit entry cost an import more
 * than PostgreSQL's own work. Columns the rows leave out take their defaults.
 */
export async function insertManyAudited<T extends PgTable, K extends keyof T['_']['columns'] & string>(
  tx: Db,
  table: T,
  rows: Record<string, unknown>[],
  creation: Creation,
  returning: K[] = [],
): Promise<Record<K, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const given = columns.filter(([key]) => key in rows[0]!);
  // The record's fields are named by the rows' own keys, so the rows are sent as they are.
  const types = sql.join(given.map(([key, col]) => sql`${sql.identifier(key)} ${sql.raw(col.getSQLType())}`), sql`, `);
  const names = sql.join(columns.map(([, col]) => sql.identifier(col.name)), sql`, `);
  const values = sql.join(columns.map(([key, col]) => (key in rows[0]! ? sql`r.${sql.identifier(key)}` : defaultOf(col))), sql`, `);
  const back = returning.length ? sql.join(returning.map((key) => sql`${sql.identifier(getTableColumns(table)[key]!.name)} as ${sql.identifier(key)}`), sql`, `) : sql`1`;
  const a = auditLog;
  const out: Record<K, unknown>[] = [];
  // Sent with the first statement rather than awaited before it (a round trip per call).
  const staging = beginAuditStaging(tx);
  for (const batch of chunks(rows)) {
    const json = JSON.stringify(batch);
    const [, inserted] = await Promise.all([
      staging,
      selectRows<Record<K, unknown>>(
        tx,
        sql`with created as (
          insert into ${table} (${names}) select ${values} from json_to_recordset(${json}::json) as r(${types}) returning *
        ), logged as (
          insert into ${AUDIT_STAGED} (${sql.identifier(a.actorId.name)}, ${sql.identifier(a.action.name)}, ${sql.identifier(a.entity.name)}, ${sql.identifier(a.entityId.name)}, ${sql.identifier(a.after.name)}, ${sql.identifier(a.reason.name)}, ${sql.identifier(a.correlationId.name)}, ${sql.identifier(a.viaToken.name)})
          select ${creation.actorId}, 'create', ${creation.entity}, created.id::text, ${rowJson(table, 'created')}, ${creation.reason}, ${currentCorrelationId()}::text, ${currentTokenName()}::text from created
        )
        select ${back} from created`,
      ),
    ]);
    if (returning.length) out.push(...inserted);
  }
  return out;
}

/**
 * A row of `table` (under `alias`) as the JSON of what drizzle reads: property names, numbers
 * for numeric columns read as numbers, times as JavaScript's ISO text in UTC.
 */
export function rowJson(table: PgTable, alias: string): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(([key, col]) => sql`${sql.raw(`'${key}'`)}::text, ${jsonValue(col, alias)}`);
  // jsonb_build_object takes at most 100 arguments.
  const objects = chunks(pairs, 40).map((part) => sql`jsonb_build_object(${sql.join(part, sql`, `)})`);
  return sql.join(objects, sql` || `);
}

function jsonValue(col: PgColumn, alias: string): SQL {
  const ref = sql`${sql.identifier(alias)}.${sql.identifier(col.name)}`;
  switch (col.columnType) {
    case 'PgTimestamp':
      return sql`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'PgNumericNumber':
      return sql`${ref}::float8`;
    case 'PgUUID':
    case 'PgText':
    case 'PgInteger':
    case 'PgBoolean':
    case 'PgDateString':
    case 'PgJsonb':
    case 'PgArray':
      return ref;
    default:
      throw new Error(`rowJson: ${getTableName(col.table)}.${col.name} is a ${col.columnType}, whose JSON as drizzle reads it is not known here`);
  }
}

function defaultOf(col: PgColumn): SQL {
  const value: unknown = col.default;
  if (value instanceof SQL) return value;
  if (value === undefined || value === null) return sql`null`;
  if (typeof value === 'number' || typeof value === 'boolean') return sql.raw(String(value));
  if (Array.isArray(value) && value.length === 0) return sql.raw(`'{}'::${col.getSQLType()}`);
  throw new Error(`insertManyAudited: give ${col.name} a value`);
}

export function chunks<T>(list: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
