import { sql } from 'drizzle-orm';
import { verifyAuditChain, type ChainResult } from '../audit-verify';
import { selectRows, type Db } from '../client';

// What a database holds, in a line an operator can compare before a backup and after a
// restore: the records, the audit entries and the last audit hash. Works on both drivers.

export type Contents = {
  patients: number;
  visits: number;
  adverseEvents: number;
  users: number;
  auditEntries: number;
  lastAuditHash: string | null;
};

/** Null when the database has not been migrated (no audit_log table). */
export async function readContents(db: Db): Promise<Contents | null> {
  const [ready] = await selectRows<{ ready: boolean }>(db, sql`select to_regclass('public.audit_log') is not null as ready`);
  if (!ready?.ready) return null;
  const [row] = await selectRows<Contents>(
    db,
    sql`select (select count(*) from patient)::int as "patients",
          (select count(*) from visit)::int as "visits",
          (select count(*) from adverse_event)::int as "adverseEvents",
          (select count(*) from "user")::int as "users",
          (select count(*) from audit_log)::int as "auditEntries",
          (select hash from audit_log order by seq desc limit 1) as "lastAuditHash"`,
  );
  return row!;
}

/** The contents and, when the database has an audit chain, the result of walking it. */
export async function inspect(db: Db): Promise<{ contents: Contents | null; chain: ChainResult | null }> {
  const contents = await readContents(db);
  return { contents, chain: contents ? await verifyAuditChain(db) : null };
}

export function describeContents(contents: Contents | null): string {
  if (!contents) return 'no registry tables (the database was never migrated)';
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const records = [
    n(contents.patients, 'patient'),
    n(contents.visits, 'visit'),
    n(contents.adverseEvents, 'adverse event'),
    n(contents.users, 'user'),
    n(contents.auditEntries, 'audit entry').replace(/entrys$/, 'entries'),
  ].join(', ');
  return contents.lastAuditHash ? `${records}; last audit hash ${contents.lastAuditHash}` : records;
}
