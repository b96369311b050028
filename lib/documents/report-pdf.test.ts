import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { groupReports } from '@/lib/cohort/groups';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { INPUT } from '@/test-support/report-fixture';
import { reportPdf } from './report-pdf';

/** The PDF's text as pdftotext reads it. */
async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-')), 'report.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true });
  }
}

test("a split report's PDF prints each group's trajectory table after the report, headed by its label and n, with the cohort's decimals", async () => {
  const grouped = groupReports(INPUT, 'drug', { ...DEFAULT_REPORT_SETTINGS, decimals: 2 });
  const text = await pdfText(await reportPdf(grouped.all, grouped));
  const at = (s: string) => text.indexOf(s);
  assert.ok(at('Methods') > 0);
  assert.ok(at('Trajectory by JAKi drug') > at('Methods'), 'after the all-patients report');
  assert.ok(at('Baricitinib (n 3)') > at('Trajectory by JAKi drug'));
  assert.ok(at('Ruxolitinib (n 1)') > at('Baricitinib (n 3)'));
  assert.ok(at('Tofacitinib (n 1)') > at('Ruxolitinib (n 1)'));
  // All patients: CDASI activity 30, 20, 40, 25 at baseline (28.75 ± 8.54); baricitinib: 30, 40, 25.
  assert.match(text, /28\.75 ± 8\.54 \(4\)/);
  assert.match(text, /31\.67 ± 7\.64 \(3\)/);
  // Ruxolitinib: A-02 alone at baseline, no SD.
  assert.match(text, /20\.00 \(1\)/);
});

test('without groups the PDF has no split', async () => {
  const text = await pdfText(await reportPdf(groupReports(INPUT, 'drug').all));
  assert.equal(text.includes('Trajectory by'), false);
  assert.match(text, /28\.8 ± 8\.5 \(4\)/);
});
