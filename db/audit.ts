import { inArray, sql, type SQL } from 'drizzle-orm';
import { databaseKind, selectRows, type Db } from './client';
import { currentCorrelationId, currentTokenName } from './correlation';
import { isUuid } from './queries/scope';
import { adverseEvents, auditLog, relapses, visits, type AuditAction, type AuditEntity } from './schema';

export type AuditEntry = {
  actorId: string;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

/**
 * Call inside the writer's transaction, so the entry and the change land or fail together.
 * The database's trigger sets the time, the place in the chain and the hash. Every writer here
 * gives the correlation id of the action running (db/correlation.ts); outside any, none, and
 * the trigger gives the transaction's.
 */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    correlationId: currentCorrelationId(),
    viaToken: currentTokenName(),
  });
}

/**
 * Starts staging this transaction's entries (a bulk writer's: an import's) in a temporary
 * table of the session, to be appended to the chain by appendStagedAudit, last. Written
 * unlinked, tens of thousands of entries would each be written again by the link at commit;
 * staged ones go into the chain once, linked as they go in (migration 0015). The transaction
 * cannot commit with staged entries not appended.
 */
export async function beginAuditStaging(tx: Db): Promise<void> {
  await tx.execute(sql`select audit_stage_begin()`);
}

/** The staging table (beginAuditStaging), for a writer that stages entries in its own statement. */
export const AUDIT_STAGED = sql`pg_temp.audit_staged`;

/**
 * Entries written from here to commit go straight into the chain, each linked as it is
 * inserted: the chain's lock is taken at the first and held to commit (migration 0015).
 */
async function beginAuditLinking(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('audit.append', 'on', true)`);
}

/**
 * Where a bulk writer (the import) puts its entries: the table its statements insert them
 * into, and what starts that in the transaction. Call appendStagedAudit last either way.
 */
export type BulkAudit = { entries: SQL; begin: (tx: Db) => Promise<void> };

/** Staged, and appended last: other sessions' writers wait for the chain only from then to commit. */
export const STAGED_AUDIT: BulkAudit = { entries: AUDIT_STAGED, begin: beginAuditStaging };

/**
 * Into the chain as written. For the embedded database, which has one session: nothing else
 * writes while the bulk writer's transaction is open, so holding the chain's lock longer keeps
 * no one waiting, and each entry is written once rather than staged, read back and written.
 */
export const LINKED_AUDIT: BulkAudit = { entries: sql`${auditLog}`, begin: beginAuditLinking };

/** The bulk writer's way for the database open (drivers.ts). */
export async function bulkAudit(): Promise<BulkAudit> {
  return (await databaseKind()) === 'pglite' ? LINKED_AUDIT : STAGED_AUDIT;
}

/**
 * Writes many entries as `audit` says (staged unless told), in the given order: a thousand per
 * statement, each statement sending its entries as one JSON parameter (building a statement of
 * seven thousand parameters costs more than the database's work).
 */
export async function writeAuditMany(tx: Db, entries: AuditEntry[], audit: BulkAudit = STAGED_AUDIT): Promise<void> {
  if (entries.length === 0) return;
  await audit.begin(tx);
  const c = auditLog;
  const columns = [c.actorId, c.action, c.entity, c.entityId, c.before, c.after, c.reason, c.correlationId, c.viaToken];
  const names = sql.join(columns.map((col) => sql.identifier(col.name)), sql`, `);
  const types = sql.join(columns.map((col) => sql`${sql.identifier(col.name)} ${sql.raw(col.getSQLType())}`), sql`, `);
  const correlationId = currentCorrelationId();
  const viaToken = currentTokenName();
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map((e) => ({
      [c.actorId.name]: e.actorId,
      [c.action.name]: e.action,
      [c.entity.name]: e.entity,
      [c.entityId.name]: e.entityId,
      [c.before.name]: e.before ?? null,
      [c.after.name]: e.after ?? null,
      [c.reason.name]: e.reason ?? null,
      [c.correlationId.name]: correlationId,
      [c.viaToken.name]: viaToken,
    }));
    await tx.execute(sql`insert into ${audit.entries} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${types})`);
  }
}

/**
 * The staged entries into the chain, in the order staged, each linked as it goes in: this takes
 * the chain's lock, held to commit, so call it last, just before the transaction commits.
 */
export async function appendStagedAudit(tx: Db): Promise<number> {
  const [row] = await selectRows<{ appended: string }>(tx, sql`select audit_stage_append()::text as appended`);
  return Number(row?.appended ?? 0);
}

/** Data leaving the app (a download, a line listing, a report) is recorded like a write. */
export async function recordExport(db: Db, entry: { actorId: string; entity: AuditEntity; entityId: string; details: unknown }): Promise<void> {
  await writeAudit(db, { actorId: entry.actorId, action: 'export', entity: entry.entity, entityId: entry.entityId, after: entry.details });
}

/**
 * Actions that record a reading (an export, a source verification, a signature), a sign-in or a
 * query's step, not a change of the data a report reads (an answer that changes a value writes the edit too).
 */
const READ_ACTIONS = ['export', 'verify', 'sign', 'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_unlocked', 'query_raise', 'query_answer', 'query_close', 'query_reopen'] as const satisfies AuditAction[];

/**
 * The data version: the place in the chain of the latest entry that changed data. Writers
 * take their place in the chain in commit order (the chain's lock is held to commit), so
 * whatever is read after this is at least as new as the version read.
 */
export async function dataVersion(db: Db): Promise<string> {
  const actions = sql.join(READ_ACTIONS.map((a) => sql`${a}`), sql`, `);
  const rows = await selectRows<{ version: string }>(
    db,
    sql`select seq::text as version from ${auditLog} where action not in (${actions}) order by seq desc limit 1`,
  );
  return rows[0]?.version ?? '0';
}

/** Entries of these entities change no data a report reads (a user's sites are part of the report's scope, not its data). */
const NO_REPORT_DATA = ['user', 'session'] as const satisfies AuditEntity[];

/** The record tables whose entries name a record of one patient. */
const PATIENT_RECORDS = { visit: visits, adverse_event: adverseEvents, relapse: relapses } as const;

/**
 * The patients whose data the entries after version `since` up to `until` changed: the
 * patient of each patient, visit, adverse event and relapse entry. Null when that cannot
 * say all there is to re-read: another entity changed (a cohort's settings, a site, an import's
 * summary), the versions are not in order, a record cannot be found, or there are more than
 * `max` entries (an import: reading everything again is then as quick).
 */
export async function patientsChangedBetween(db: Db, { since, until, max }: { since: string; until: string; max: number }): Promise<string[] | null> {
  if (!/^\d+$/.test(since) || !/^\d+$/.test(until) || BigInt(until) < BigInt(since)) return null;
  const actions = sql.join(READ_ACTIONS.map((a) => sql`${a}`), sql`, `);
  const entries = await selectRows<{ entity: AuditEntity; entityId: string }>(
    db,
    sql`select entity, entity_id as "entityId" from ${auditLog}
        where seq > ${since}::bigint and seq <= ${until}::bigint and action not in (${actions})
        order by seq limit ${max + 1}`,
  );
  if (entries.length > max) return null;
  const patientIds = new Set<string>();
  const recordIds: Record<keyof typeof PATIENT_RECORDS, Set<string>> = { visit: new Set(), adverse_event: new Set(), relapse: new Set() };
  for (const { entity, entityId } of entries) {
    if ((NO_REPORT_DATA as readonly string[]).includes(entity)) continue;
    if (!isUuid(entityId)) return null;
    if (entity === 'patient') patientIds.add(entityId);
    else if (Object.hasOwn(recordIds, entity)) recordIds[entity as keyof typeof PATIENT_RECORDS].add(entityId);
    else return null;
  }
  for (const [entity, ids] of Object.entries(recordIds) as [keyof typeof PATIENT_RECORDS, Set<string>][]) {
    if (ids.size === 0) continue;
    const table = PATIENT_RECORDS[entity];
    const rows = await db.select({ patientId: table.patientId }).from(table).where(inArray(table.id, [...ids]));
    if (rows.length !== ids.size) return null;
    for (const { patientId } of rows) patientIds.add(patientId);
  }
  return [...patientIds];
}
