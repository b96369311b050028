import { createHash } from 'node:crypto';
import { timeText } from '@/lib/dates';
import { heading, newDocument, stampPages, table, toBuffer, type Doc } from './pdf';

// The evidence of a period of the audit trail, for an inspection: the entries (the CSV holds
// them in full, the PDF in words), what the chain's verification found, the hash the chain
// ended at, and a manifest with each file's SHA-256 so that a copy kept elsewhere can be checked.

/** Calendar days, inclusive, in UTC. */
export type EvidencePeriod = { from: string; to: string };

/** What db/audit-verify.ts found, over the whole chain. */
export type EvidenceChain = { ok: true; count: number; lastHash: string | null } | { ok: false; count: number; message: string };

/** One entry as the PDF prints it: in words (lib/audit/describe.ts). */
export type EvidenceEntry = { seq: number; at: Date; record: string; action: string; who: string; reason: string | null; changes: string[]; hash: string };

export type AuditEvidence = {
  period: EvidencePeriod;
  /** Which entries the reader may see, in words. */
  scope: string;
  generatedAt: Date;
  generatedBy: string;
  chain: EvidenceChain;
  entries: EvidenceEntry[];
};

export type EvidenceFile = { name: string; bytes: Uint8Array };

/** The files' names: the period in each, so that two periods' files never overwrite each other. */
export function evidenceFileNames({ from, to }: EvidencePeriod) {
  const base = `audit-trail_${from}_${to}`;
  return { csv: `${base}.csv`, pdf: `${base}.pdf`, manifest: `${base}.manifest.json`, zip: `${base}.zip` };
}

/** The verification's result in one sentence. */
export function chainWords(chain: EvidenceChain): string {
  if (!chain.ok) return `BROKEN after ${chain.count} good entries: ${chain.message}`;
  if (chain.count === 0) return 'Intact: the trail is empty';
  return `Intact: all ${chain.count} entries of the trail checked, from the first; the chain ends at entry ${chain.count}`;
}

/** The hash of the period's last entry: the value to compare with a copy kept elsewhere. */
function periodLastHash(evidence: AuditEvidence): string | null {
  return evidence.entries.at(-1)?.hash ?? null;
}

function summaryRows(e: AuditEvidence): string[][] {
  const first = e.entries[0];
  const last = e.entries.at(-1);
  return [
    ['Period', `${e.period.from} to ${e.period.to}, whole days in UTC`],
    ['Entries', first && last ? `${e.entries.length} (entries ${first.seq} to ${last.seq} of the chain)` : 'none in this period'],
    ['Scope', e.scope],
    ['Chain verification', chainWords(e.chain)],
    ['Hash at the end of the chain', e.chain.ok ? (e.chain.lastHash ?? '—') : 'not trusted: the chain is broken'],
    ['Hash of the period’s last entry', periodLastHash(e) ?? '—'],
    ['Generated', `${timeText(e.generatedAt)} by ${e.generatedBy}`],
    ['Files', 'The CSV holds every entry in full (values before and after as JSON, each entry’s whole hash); the manifest gives each file’s SHA-256.'],
  ];
}

const HASH_SHOWN = 10;

function entryCells(entry: EvidenceEntry): string[] {
  return [
    String(entry.seq),
    timeText(entry.at).replace(' UTC', ''),
    entry.record,
    entry.action,
    entry.who,
    entry.reason ?? '',
    // One after the other rather than one a line: a creation lists every field given.
    entry.changes.join('; '),
    `${entry.hash.slice(0, HASH_SHOWN)}…`,
  ];
}

const ENTRY_COLUMNS = [
  { title: '#', width: 38, align: 'right' as const },
  { title: 'When (UTC)', width: 74 },
  { title: 'Record', width: 124 },
  { title: 'Action', width: 76 },
  { title: 'Who', width: 80 },
  { title: 'Reason', width: 100 },
  { title: 'What changed', width: 204 },
  { title: 'Hash (start)', width: 74 },
];

function title(doc: Doc, e: AuditEvidence) {
  doc.font('Bold').fontSize(15).text(`Audit trail, ${e.period.from} to ${e.period.to}`);
  doc.font('Body').fontSize(9).moveDown(0.4);
}

/** The period as a PDF: the summary with the verification and the hashes, then every entry in words. */
export async function auditEvidencePdf(e: AuditEvidence): Promise<Buffer> {
  const doc = newDocument(`Audit trail ${e.period.from} to ${e.period.to}`, { numbered: true });
  title(doc, e);
  table(doc, [{ title: 'Evidence', width: 170 }, { title: '', width: 600 }], summaryRows(e));
  heading(doc, 'Entries, in chain order');
  if (e.entries.length === 0) doc.text('No entry in this period.');
  else table(doc, ENTRY_COLUMNS, e.entries.map(entryCells));
  stampPages(doc, `Audit trail ${e.period.from} to ${e.period.to} · generated ${timeText(e.generatedAt)} by ${e.generatedBy}`);
  return toBuffer(doc);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The manifest: what the files hold, the verification, the hashes, and each file's size and SHA-256. */
export function evidenceManifest(e: AuditEvidence, files: EvidenceFile[]): EvidenceFile {
  const manifest = {
    period: { ...e.period, timeZone: 'UTC' },
    scope: e.scope,
    generatedAt: e.generatedAt.toISOString(),
    generatedBy: e.generatedBy,
    entries: e.entries.length,
    firstSeq: e.entries[0]?.seq ?? null,
    lastSeq: e.entries.at(-1)?.seq ?? null,
    periodLastHash: periodLastHash(e),
    chain: e.chain.ok ? { ok: true, checked: e.chain.count, lastHash: e.chain.lastHash } : { ok: false, goodBefore: e.chain.count, problem: e.chain.message },
    files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
  };
  return { name: evidenceFileNames(e.period).manifest, bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
}
