import { randomUUID } from 'node:crypto';
import { SQL, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { PgDialect, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { STAGED_AUDIT, type BulkAudit } from './audit';
import { selectRows, type Db } from './client';
import { currentCorrelationId, currentTokenName } from './correlation';
import { auditLog, type AuditEntity } from './schema';

const BATCH = 1000;

type Creation = { actorId: string; entity: AuditEntity; reason: string | null };

const dialect = new PgDialect();

/** A piece of SQL with no parameters (names, types, defaults) as one raw chunk, compiled once. */
function compiled(piece: SQL): SQL {
  const query = dialect.sqlToQuery(piece);
  if (query.params.length) throw new Error('compiled: the piece has parameters');
  return sql.raw(query.sql);
}

/**
 * The parts of an audited insert into `table` of rows with the given keys, built once per
 * shape: drizzle's building of the same forty names, types and JSON fields on every save cost
 * more than the rest of the save's work in Node.
 */
type Shape = { names: SQL; values: SQL; after: SQL };
const shapes = new Map<string, Shape>();

function shapeOf(table: PgTable, keys: string[]): Shape {
  const id = `${getTableName(table)}(${keys.join(',')})`;
  let shape = shapes.get(id);
  if (!shape) {
    const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
    shape = {
      names: compiled(sql.join(columns.map(([, col]) => sql.identifier(col.name)), sql`, `)),
      values: compiled(sql.join(columns.map(([key, col]) => (keys.includes(key) ? valueAt(col, keys.indexOf(key)) : defaultOf(col))), sql`, `)),
      after: compiled(rowJson(table, 'created')),
    };
    shapes.set(id, shape);
  }
  return shape;
}

const a = auditLog;
const ENTRY_COLUMNS = compiled(
  sql.join([a.actorId, a.action, a.entity, a.entityId, a.after, a.reason, a.correlationId, a.viaToken].map((col) => sql.identifier(col.name)), sql`, `),
);

/**
 * A row's value of `col`, the `i`th of the row's JSON array. The rows are sent as arrays of
 * their values in the order of their keys, read as jsonb (parsed once, then each value found
 * by its place): PostgreSQL reads that faster than objects naming every field
 * (json_to_recordset), and Node writes a third of the text.
 */
function valueAt(col: PgColumn, i: number): SQL {
  const type = col.getSQLType();
  // JSON's null is SQL's NULL here, as json_to_recordset would read it.
  if (col.columnType === 'PgJsonb') return sql.raw(`nullif(r->${i}, 'null')`);
  if (col.columnType === 'PgArray') return sql.raw(`case when jsonb_typeof(r->${i}) = 'array' then array(select jsonb_array_elements_text(r->${i}))::${type} end`);
  return sql.raw(`(r->>${i})::${type}`);
}

/**
 * The rows of an insert as its JSON parameter: each row an array of its values in the order of
 * `keys`. `newId`, when given, makes each row's `id` (the rows are not copied to hold it).
 */
function rowsJson(rows: Record<string, unknown>[], keys: string[], newId?: () => string): string {
  return JSON.stringify(rows.map((row) => keys.map((key) => (newId && key === 'id' ? newId() : (row[key] ?? null)))));
}

/**
 * One statement: the rows (as one JSON parameter) into `table`, a `create` entry per row into
 * `entries` (the chain, or this transaction's staging table), and `back` of the rows.
 */
function auditedInsert(table: PgTable, keys: string[], json: string, creation: Creation, entries: SQL, back: SQL): SQL {
  const shape = shapeOf(table, keys);
  return sql`with created as (
      insert into ${table} (${shape.names}) select ${shape.values} from jsonb_array_elements(${json}::jsonb) as e(r) returning *
    ), logged as (
      insert into ${entries} (${ENTRY_COLUMNS})
      select ${creation.actorId}, 'create', ${creation.entity}, created.id::text, ${shape.after}, ${creation.reason}::text, ${currentCorrelationId()}::text, ${currentTokenName()}::text from created
    )
    select ${back} from created`;
}

/**
 * The statements that insert rows a thousand at a time and, in the same statement, write a
 * `create` audit entry per row as `audit` says (staged unless told: the caller appends them
 * with appendStagedAudit before it commits) holding the row as drizzle reads it (the shape every
 * other writer's entry has), built by PostgreSQL from the stored row. Each statement sends its
 * rows as one JSON parameter and brings nothing back: bringing every row back to Node and
 * sending it again as its audit entry cost an import more than PostgreSQL's own work. The keys
 * of the first row name the columns given (a key that is no column is left out); columns it
 * leaves out take their defaults, except a random UUID id, made here. Built apart from sending,
 * so that a writer can build its next statements while the database runs the last ones.
 */
export function auditedInserts(table: PgTable, rows: Record<string, unknown>[], creation: Creation, audit: BulkAudit = STAGED_AUDIT): SQL[] {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  // The ids made here rather than by the column's default: gen_random_uuid() reads the system's
  // random source once per row, on the embedded database through Emscripten's file system.
  const id = columns.id;
  const makesIds = id?.columnType === 'PgUUID' && id.primary && id.hasDefault && !('id' in rows[0]!);
  const keys = Object.keys(columns).filter((key) => key in rows[0]! || (makesIds && key === 'id'));
  // One row per statement rather than a thousand rows of nothing.
  return chunks(rows).map((batch) => auditedInsert(table, keys, rowsJson(batch, keys, makesIds ? randomUUID : undefined), creation, audit.entries, sql`count(*)`));
}

/**
 * Sends statements of auditedInserts, all at once (the connection runs them in turn), with
 * the start of the transaction's bulk audit (the same `audit` as theirs).
 */
export async function runAuditedInserts(tx: Db, statements: SQL[], audit: BulkAudit = STAGED_AUDIT): Promise<void> {
  if (statements.length === 0) return;
  await Promise.all([audit.begin(tx), ...statements.map((statement) => tx.execute(statement))]);
}

/** auditedInserts, sent. */
export async function insertManyAudited(tx: Db, table: PgTable, rows: Record<string, unknown>[], creation: Creation, audit: BulkAudit = STAGED_AUDIT): Promise<void> {
  await runAuditedInserts(tx, auditedInserts(table, rows, creation, audit), audit);
}

/**
 * Inserts one record and its `create` audit entry in one statement, the entry linked into the
 * chain as any other (at commit). As in insertManyAudited, PostgreSQL builds the entry's `after`
 * from the stored row: the row does not come back to Node to go out again as JSON, and the
 * two inserts cost one round trip. Undefined values take the column's default. The record's id.
 */
export async function insertAudited<T extends PgTable>(tx: Db, table: T, values: T['$inferInsert'], entry: { actorId: string; entity: AuditEntity }): Promise<string> {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const keys = Object.keys(getTableColumns(table)).filter((key) => key in given);
  const [row] = await selectRows<{ id: string }>(tx, auditedInsert(table, keys, rowsJson([given], keys), { ...entry, reason: null }, sql`${auditLog}`, sql`id::text as id`));
  if (!row) throw new Error('insert returned no row');
  return row.id;
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
