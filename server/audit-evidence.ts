import 'server-only';
import { recordExport } from '@/db/audit';
import type { Db } from '@/db/client';
import { auditCsv } from '@/db/queries/audit-trail';
import { readAuditEvidence } from '@/db/queries/audit-evidence';
import { actionWords, actorWords, changeText, describeChanges, recordName } from '@/lib/audit/describe';
import { auditEvidencePdf, evidenceFileNames, evidenceManifest, type AuditEvidence, type EvidenceFile, type EvidencePeriod } from '@/lib/documents/audit-evidence';

// The evidence files of a period (docs/evidence.md), for the audit page's download and the
// command line alike: the CSV, the PDF and the manifest. Making them is an export: audited first.

/** Who asks: a user (their sites when they see only those), or the command line. */
export type EvidenceReader = { actorId: string; name: string | null; email: string | null; siteIds?: string[] };

function scopeWords(siteIds: string[] | undefined, names: Record<string, string>): string {
  if (!siteIds) return 'Every entry of the trail';
  const codes = siteIds.map((id) => names[id] ?? id).sort();
  return `Every entry, except clinical records (patients, visits, adverse events, relapses) of sites other than ${codes.join(', ') || 'none'}`;
}

export async function auditEvidenceFiles(db: Db, { period, reader }: { period: EvidencePeriod; reader: EvidenceReader }): Promise<{ evidence: AuditEvidence; files: EvidenceFile[] }> {
  await recordExport(db, { actorId: reader.actorId, entity: 'audit_log', entityId: 'trail', details: { format: 'evidence', from: period.from, to: period.to, siteIds: reader.siteIds ?? 'all' } });
  const { entries, chain, names } = await readAuditEvidence(db, { period, siteIds: reader.siteIds });
  const evidence: AuditEvidence = {
    period,
    scope: scopeWords(reader.siteIds, names),
    generatedAt: new Date(),
    generatedBy: reader.email ? `${reader.name ?? reader.email} (${reader.email})` : actorWords(reader.actorId, reader.name),
    chain: chain.ok ? chain : { ok: false, count: chain.count, message: chain.message },
    entries: entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      record: recordName(e.record).text,
      action: actionWords(e.action),
      who: `${actorWords(e.actorId, e.actorName)}${e.viaToken ? ` with token “${e.viaToken}”` : ''}`,
      reason: e.reason,
      changes: describeChanges(e.entity, e.before, e.after, names).map(changeText),
      hash: e.hash,
    })),
  };
  const fileNames = evidenceFileNames(period);
  const csv = { name: fileNames.csv, bytes: new TextEncoder().encode(auditCsv(entries, { header: true })) };
  const pdf = { name: fileNames.pdf, bytes: new Uint8Array(await auditEvidencePdf(evidence)) };
  return { evidence, files: [csv, pdf, evidenceManifest(evidence, [csv, pdf])] };
}
