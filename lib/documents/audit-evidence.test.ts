import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pdfPages, pdfText, wordsBelow } from '@/test-support/pdf-text';
import { auditEvidencePdf, evidenceFileNames, evidenceManifest, type AuditEvidence, type EvidenceEntry } from './audit-evidence';

// The evidence PDF and manifest, read back as an inspector would: pdftotext for the PDF.

const HASH = (n: number) => n.toString(16).padStart(64, 'a');

function entry(seq: number): EvidenceEntry {
  return {
    seq,
    at: new Date(Date.UTC(2026, 0, 10, 9, seq % 60)),
    record: `PSL-005 · visit 2026-01-${String((seq % 28) + 1).padStart(2, '0')}`,
    action: 'Changed',
    who: 'Claire Martin',
    reason: seq % 2 ? 'CK from the lab report' : null,
    changes: ['CK: 240 U/L → 260 U/L', 'CDASI activity: 20 → 22'],
    hash: HASH(seq),
  };
}

const EVIDENCE: AuditEvidence = {
  period: { from: '2026-01-01', to: '2026-01-31' },
  scope: 'Every entry of the trail',
  generatedAt: new Date('2026-02-01T08:30:00Z'),
  generatedBy: 'Marc Dubois (auditor@demo.test)',
  chain: { ok: true, count: 140, lastHash: HASH(140) },
  entries: Array.from({ length: 120 }, (_, i) => entry(i + 11)),
};

test('the PDF states the period, the verification, both hashes and every entry in words, in 9 pt or more, its pages headed and numbered', async () => {
  const pdf = await auditEvidencePdf(EVIDENCE);
  const text = pdfText(pdf).replace(/\s+/g, ' ');
  assert.match(text, /Audit trail, 2026-01-01 to 2026-01-31/);
  assert.match(text, /Intact: all 140 entries of the trail checked/);
  assert.ok(text.includes(HASH(140)), 'the chain end hash in full');
  assert.ok(text.includes(HASH(130)), "the period's last entry's hash in full");
  assert.match(text, /120 \(entries 11 to 130 of the chain\)/);
  for (const seq of [11, 75, 130]) assert.ok(text.includes(`${entry(seq).record}`), `entry ${seq}`);
  assert.ok(text.includes('CK: 240 U/L → 260 U/L'));
  const pages = pdfPages(pdf);
  assert.ok(pages.length > 2);
  assert.deepEqual(wordsBelow(pages, 9), []);
  const pageTexts = pdfText(pdf).split('\f').filter((p) => p.trim());
  pageTexts.forEach((p, i) => {
    assert.match(p, /Audit trail 2026-01-01 to 2026-01-31 · generated 2026-02-01 08:30 UTC by Marc Dubois/, `page ${i + 1} header`);
    assert.match(p, new RegExp(`Page ${i + 1} of ${pageTexts.length}`), `page ${i + 1} number`);
  });
});

test('a broken chain is said so, and its end hash is not offered as trustworthy', async () => {
  const text = pdfText(await auditEvidencePdf({ ...EVIDENCE, chain: { ok: false, count: 6, message: 'audit entry seq 7 (id 7): altered: its content no longer matches its hash' } }));
  assert.match(text.replace(/\s+/g, ' '), /BROKEN after 6 good entries: audit entry seq 7 \(id 7\): altered/);
  assert.match(text, /not trusted: the chain is broken/);
});

test('an empty period says so', async () => {
  const text = pdfText(await auditEvidencePdf({ ...EVIDENCE, entries: [] })).replace(/\s+/g, ' ');
  assert.match(text, /none in this period/);
  assert.match(text, /No entry in this period/);
});

test("the manifest gives each file's size and SHA-256, the period, the verification and the hashes", () => {
  const csv = { name: evidenceFileNames(EVIDENCE.period).csv, bytes: new TextEncoder().encode('seq,at\n1,x\n') };
  const manifest = evidenceManifest(EVIDENCE, [csv]);
  assert.equal(manifest.name, 'audit-trail_2026-01-01_2026-01-31.manifest.json');
  const m = JSON.parse(new TextDecoder().decode(manifest.bytes));
  // What `sha256sum` gives for the file.
  assert.deepEqual(m.files, [{ name: 'audit-trail_2026-01-01_2026-01-31.csv', bytes: 11, sha256: 'afaeb777ed0d49596c8e64d71567bfd396b1646997f88ed6ae81a670e36f0f07' }]);
  assert.deepEqual(m.period, { from: '2026-01-01', to: '2026-01-31', timeZone: 'UTC' });
  assert.deepEqual(m.chain, { ok: true, checked: 140, lastHash: HASH(140) });
  assert.equal(m.periodLastHash, HASH(130));
  assert.equal(m.firstSeq, 11);
  assert.equal(m.lastSeq, 130);
});
