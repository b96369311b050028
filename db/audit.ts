import { sql } from 'drizzle-orm';
import { selectRows, type Db } from './client';
import { currentCorrelationId } from './correlation';
import { auditLog, type AuditAction, type AuditEntity } from './schema';

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
  });
}

/**
 * Many entries (an import's) in the caller's transaction, in the given order: a thousand per
 * statement, each statement sending its entries as one JSON parameter (building a statement
 * of seven thousand parameters costs more than the database's work).
 */
export async function writeAuditMany(tx: Db, entries: AuditEntry[]): Promise<void> {
  const c = auditLog;
  const columns = [c.actorId, c.action, c.entity, c.entityId, c.before, c.after, c.reason, c.correlationId];
  const names = sql.join(columns.map((col) => sql.identifier(col.name)), sql`, `);
  const types = sql.join(columns.map((col) => sql`${sql.identifier(col.name)} ${sql.raw(col.getSQLType())}`), sql`, `);
  const correlationId = currentCorrelationId();
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
    }));
    await tx.execute(sql`insert into ${auditLog} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${types})`);
  }
}

/** Data leaving the app (a download, a line listing, a report) is recorded like a write. */
export async function recordExport(db: Db, entry: { actorId: string; entity: AuditEntity; entityId: string; details: unknown }): Promise<void> {
  await writeAudit(db, { actorId: entry.actorId, action: 'export', entity: entry.entity, entityId: entry.entityId, after: entry.details });
}

/** Actions that record a reading (an export, a source verification) or a sign-in, not a change of data. */
const READ_ACTIONS = ['export', 'verify', 'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_unlocked'] as const satisfies AuditAction[];

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
