import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '@/db/audit-verify';
import { selectRows } from '@/db/client';
import { withLocalDatabase } from '../local-database';
import type { Clinician } from './clinicians';

// After a load: the database against what the servers acknowledged.

export type IntegrityCheck = {
  /** Saves acknowledged so far (this run and earlier ones on the same clinicians). */
  acknowledged: number;
  /** Acknowledged saves missing from the database. */
  lost: number;
  /** Visits (of this run's patients) with other than exactly one audit 'create' entry. */
  withoutOneAuditEntry: number;
  /** Audit 'create' entries of this run's clinicians naming a visit that is not there. */
  auditWithoutVisit: number;
  /** Visits saved whose save was not acknowledged (the connection went while committing): whole, but unconfirmed. */
  savedUnacknowledged: number;
  /** Two visits on one patient and date. */
  duplicates: number;
  chainValid: boolean;
  chainMessage?: string;
  ok: boolean;
};

/** Every acknowledged save is there once with one audit entry, nothing is half there, and the chain verifies. */
export async function checkIntegrity(databaseUrl: string, clinicians: Clinician[]): Promise<IntegrityCheck> {
  const acknowledged = clinicians.flatMap((c) => c.acknowledged);
  return withLocalDatabase(databaseUrl, 'the load database', async (db) => {
    const patientIds = clinicians.map((c) => c.patientId);
    const userIds = clinicians.map((c) => c.userId);
    const visitsSaved = await selectRows<{ id: string; patient_id: string; visit_date: string; entries: number }>(
      db,
      sql`select v.id::text, v.patient_id::text, v.visit_date::text,
            (select count(*)::int from audit_log a where a.entity = 'visit' and a.action = 'create' and a.entity_id = v.id::text) as entries
          from visit v where v.visit_type = 'follow_up' and v.patient_id::text in ${patientIds}`,
    );
    const [orphans] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log a where a.entity = 'visit' and a.action = 'create' and a.actor_id in ${userIds}
          and not exists (select 1 from visit v where v.id::text = a.entity_id)`,
    );
    const saved = new Set(visitsSaved.map((v) => v.id));
    const acked = new Set(acknowledged);
    const dates = new Set(visitsSaved.map((v) => `${v.patient_id} ${v.visit_date}`));
    const chain = await verifyAuditChain(db);
    const check: IntegrityCheck = {
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((id) => !saved.has(id)).length,
      withoutOneAuditEntry: visitsSaved.filter((v) => v.entries !== 1).length,
      auditWithoutVisit: orphans?.n ?? 0,
      savedUnacknowledged: visitsSaved.filter((v) => !acked.has(v.id)).length,
      duplicates: visitsSaved.length - dates.size + (acknowledged.length - acked.size),
      chainValid: chain.ok,
      chainMessage: chain.ok ? undefined : chain.message,
      ok: false,
    };
    check.ok = check.lost === 0 && check.withoutOneAuditEntry === 0 && check.auditWithoutVisit === 0 && check.duplicates === 0 && check.chainValid;
    return check;
  });
}
