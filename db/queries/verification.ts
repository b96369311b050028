import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@/lib/errors';
import type { VerificationState } from '@/lib/records/verification';
import type { VerifyInput } from '@/lib/schemas/verification';
import { writeAudit } from '../audit';
import { selectRows, type Db } from '../client';
import { adverseEvents, patients, relapses, sourceVerifications, visits } from '../schema';
import { contentHash } from './content-hash';
import { canReach, patientInScope, recordInScope, type RecordTable } from './scope';

// Source data verification (schema/verification.ts): a mark keeps the record's content hash
// (content-hash.ts) as verified; a record whose hash differs now has changed since.

const TABLES = { visit: visits, adverse_event: adverseEvents, relapse: relapses } as const satisfies Record<VerifyInput['kind'], RecordTable>;
const NAMES = { visit: 'Visit', adverse_event: 'Adverse event', relapse: 'Relapse' } as const;

/**
 * Marks the record verified as it is at `version` (the version the auditor was shown): a record
 * changed since is refused, so that nobody verifies what they did not see. The record is read
 * FOR SHARE: an edit under way finishes first. A locked cohort may still be verified.
 */
export async function verifyRecord(db: Db, { actorId, siteIds, input }: { actorId: string; siteIds: string[]; input: VerifyInput }): Promise<{ patientId: string }> {
  const table = TABLES[input.kind];
  if (!canReach(siteIds, input.id)) throw new NotFoundError(NAMES[input.kind]);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ patientId: table.patientId, version: table.version, hash: contentHash(table).mapWith(String) })
      .from(table)
      .innerJoin(patients, eq(patients.id, table.patientId))
      .where(and(eq(table.id, input.id), recordInScope(table, siteIds)))
      .for('share', { of: table });
    if (!row) throw new NotFoundError(NAMES[input.kind]);
    if (row.version !== input.version)
      throw new ConflictError(`This ${NAMES[input.kind].toLowerCase()} was changed after you opened the page: reload, check it against the source again, then mark it. Nothing was marked.`);
    const mark = { entity: input.kind, recordId: input.id, patientId: row.patientId, contentHash: row.hash, verifiedBy: actorId, verifiedAt: new Date() };
    await tx
      .insert(sourceVerifications)
      .values(mark)
      .onConflictDoUpdate({ target: [sourceVerifications.entity, sourceVerifications.recordId], set: { contentHash: mark.contentHash, verifiedBy: actorId, verifiedAt: mark.verifiedAt } });
    await writeAudit(tx, { actorId, action: 'verify', entity: input.kind, entityId: input.id, after: { version: row.version, contentHash: row.hash } });
    return { patientId: row.patientId };
  });
}

export type RecordVerification = { state: VerificationState; verifiedAt: Date | null; verifiedBy: string | null };

type MarkedRecord = { id: string; patientId: string; siteId: string; state: VerificationState; verifiedAtMs: number | null; verifiedBy: string | null };

/**
 * Every visit, adverse event and relapse not voided of the patients in scope (of one patient,
 * when given), with its verification state: the one read behind the patient page and the counts.
 */
function markedRecords(siteIds: string[], patientId?: string): SQL {
  const parts = (Object.entries(TABLES) as [VerifyInput['kind'], RecordTable][]).map(
    ([kind, table]) => sql`select ${table.patientId} as patient_id, ${table.id} as id, ${kind}::text as entity, ${contentHash(table)} as hash
                           from ${table} where ${table.voidedAt} is null`,
  );
  return sql`select r.id, r.patient_id as "patientId", ${patients.siteId} as "siteId",
               case when sv.content_hash is null then 'not_verified' when sv.content_hash = r.hash then 'verified' else 'changed' end as state,
               extract(epoch from sv.verified_at)::float8 * 1000 as "verifiedAtMs", sv.verified_by as "verifiedBy"
        from (${sql.join(parts, sql` union all `)}) r
        join ${patients} on ${patients.id} = r.patient_id
        left join ${sourceVerifications} sv on sv.entity = r.entity and sv.record_id = r.id
        where ${patientInScope(siteIds)}${patientId ? sql` and r.patient_id = ${patientId}::uuid` : sql``}`;
}

/** Each not-voided record of the patient (by id) with its verification state. */
export async function patientVerifications(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }): Promise<Map<string, RecordVerification>> {
  if (!canReach(siteIds, patientId)) return new Map();
  const rows = await selectRows<MarkedRecord>(db, markedRecords(siteIds, patientId));
  return new Map(rows.map((r) => [r.id, { state: r.state, verifiedAt: r.verifiedAtMs === null ? null : new Date(Number(r.verifiedAtMs)), verifiedBy: r.verifiedBy }]));
}

export type VerificationCount = { verified: number; changed: number; total: number };

/** Verified / total records (visits, adverse events and relapses not voided) per site and per patient of the sites. */
export async function verificationCounts(db: Db, { siteIds }: { siteIds: string[] }): Promise<{ bySite: Map<string, VerificationCount>; byPatient: Map<string, VerificationCount> }> {
  const bySite = new Map<string, VerificationCount>();
  const byPatient = new Map<string, VerificationCount>();
  if (siteIds.length === 0) return { bySite, byPatient };
  const rows = await selectRows<{ siteId: string; patientId: string } & VerificationCount>(
    db,
    sql`select "siteId", "patientId",
               count(*) filter (where state = 'verified')::int as verified,
               count(*) filter (where state = 'changed')::int as changed,
               count(*)::int as total
        from (${markedRecords(siteIds)}) m
        group by "siteId", "patientId"`,
  );
  for (const { siteId, patientId, ...count } of rows) {
    byPatient.set(patientId, count);
    const site = bySite.get(siteId) ?? { verified: 0, changed: 0, total: 0 };
    bySite.set(siteId, { verified: site.verified + count.verified, changed: site.changed + count.changed, total: site.total + count.total });
  }
  return { bySite, byPatient };
}
