import 'server-only';
import type { Names } from '@/lib/audit/describe';
import type { EvidencePeriod } from '@/lib/documents/audit-evidence';
import { verifyAuditChain, type ChainResult } from '../audit-verify';
import type { Db } from '../client';
import { auditTrailBatches, type AuditTrailEntry } from './audit-trail';
import { siteAndCohortNames, userNames } from './history';

// A period of the audit trail as evidence: its entries (those the reader may see), and the
// verification of the whole chain, read from one snapshot of the database so that the entries,
// the verification and the hash the chain ends at all describe the same trail, however many
// entries are written meanwhile.

export type AuditEvidenceRead = { entries: AuditTrailEntry[]; chain: ChainResult; names: Names };

/** `siteIds`: an auditor's sites (their clinical entries only, as on the audit page); none for every entry. */
export async function readAuditEvidence(db: Db, { period, siteIds }: { period: EvidencePeriod; siteIds?: string[] }): Promise<AuditEvidenceRead> {
  return db.transaction(
    async (tx) => {
      const chain = await verifyAuditChain(tx);
      const entries: AuditTrailEntry[] = [];
      for await (const batch of auditTrailBatches(tx, { filters: { from: period.from, to: period.to, siteIds } })) entries.push(...batch);
      return { entries, chain, names: { ...(await siteAndCohortNames(tx)), ...(await userNames(tx, entries)) } };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
