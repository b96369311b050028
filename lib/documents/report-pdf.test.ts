import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupReports } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { generateReportInput } from '@/test-support/report-generated';
import { pdfPages, pdfText, wordsBelow } from '@/test-support/pdf-text';
import { INPUT } from '@/test-support/report-fixture';
import { reportPdf } from './report-pdf';

// The PDF as a reader gets it, read back with poppler's pdftotext: its figures are the report's
// SVG drawn as vectors (so their words are text), no word is set below 9 pt, and no page is
// left more than half empty before the next one.

const REPORTS = {
  'the hand-made cohort': () => buildReport(INPUT),
  'a 400-patient cohort': () => buildReport(generateReportInput({ patients: 400, seed: 3 })),
  'an empty cohort': () => buildReport({ cohort: 'EMPTY', today: '2025-01-01', patients: [] }),
};

describe('reportPdf', () => {
  for (const [name, make] of Object.entries(REPORTS)) {
    test(`${name}: the four figures with their axis titles, text of 9 pt or more, no page half empty`, async () => {
      const doc = pdfPages(await reportPdf(make()));
      const words = doc.flatMap((p) => p.words.map((w) => w.text));
      const text = words.join(' ');
      for (const phrase of ['CDASI activity (points)', 'MMT8 (points)', 'Prednisone (mg/day)', 'On the JAK inhibitor (%)', 'At risk', 'Time on the JAK inhibitor'])
        assert.ok(text.includes(phrase), `${name}: "${phrase}"`);
      assert.equal(text.match(/\bn = \d+/g)?.length, 12, 'n = under each of the 4 time points of 3 figures');
      for (const [i, n] of [1, 2, 3, 4].entries()) assert.ok(text.includes(`Figure ${n}.`), `figure ${i + 1}`);
      assert.deepEqual(wordsBelow(doc, 9), []);
      // Every page but the last is filled at least to its middle.
      doc.slice(0, -1).forEach((page, i) => {
        const lowest = Math.max(...page.words.map((w) => w.yMax));
        assert.ok(lowest > page.height / 2, `${name}: page ${i + 1} ends at ${lowest.toFixed(0)} of ${page.height}`);
      });
    });
  }
});

test("a split report's PDF prints each group's trajectory table after the report, headed by its label and n, with the cohort's decimals", async () => {
  const grouped = groupReports(INPUT, 'drug', { ...DEFAULT_REPORT_SETTINGS, decimals: 2 });
  const text = pdfText(await reportPdf(grouped.all, grouped));
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
  const text = pdfText(await reportPdf(groupReports(INPUT, 'drug').all));
  assert.equal(text.includes('Trajectory by'), false);
  assert.match(text, /28\.8 ± 8\.5 \(4\)/);
});
