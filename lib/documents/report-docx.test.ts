import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { groupReports } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { INPUT } from '@/test-support/report-fixture';
import { reportDocx } from './report-docx';
import { reportTables } from './report-tables';

// A one-pixel PNG: enough for Word to hold a picture part.
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

async function open(figures: Parameters<typeof reportDocx>[1], grouped?: ReturnType<typeof groupReports>) {
  const report = grouped?.all ?? buildReport(INPUT);
  const files = unzipSync(new Uint8Array(await reportDocx(report, figures, grouped)));
  return { report, files, xml: strFromU8(files['word/document.xml']!) };
}

/** The text of each cell of each table, as Word will show it. */
function tableCells(xml: string): string[][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map(([, table]) =>
    [...table!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map(([, tc]) => [...tc!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

test('the Word document holds every table of the report, cell for cell, numbered', async () => {
  const { report, xml } = await open([]);
  const expected = reportTables(report).filter((t) => t.rows.length > 0);
  const found = tableCells(xml).map((cells) => cells.map(unescape));
  assert.equal(found.length, expected.length);
  expected.forEach((t, i) => assert.deepEqual(found[i], [...t.columns.map((c) => c.title), ...t.rows.flat().map((c) => c.trim())]));
  assert.match(xml, /Table 2\. Trajectory: mean ± SD \(n\)/);
  // The trajectory cell of CDASI activity at month 3, with its n, P and pairs, as the PDF prints it.
  const trajectory = reportTables(report)[1]!;
  assert.ok(found[1]!.includes(trajectory.rows[0]![2]!));
  assert.match(trajectory.rows[0]![2]!, /\(\d+\); P [<>]? ?\.?\d*.*, \d+ pairs?$/);
  assert.match(xml, /Wilcoxon signed-rank test/);
});

test('each figure is a picture of the stated size in inches, with its title', async () => {
  const { files, xml } = await open([{ title: 'CDASI activity over time', caption: 'Mean ± SD of all patients; grey: each patient.', png: PNG, widthIn: 6.5, heightIn: 4 }]);
  const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
  assert.equal(media.length, 1);
  assert.deepEqual(files[media[0]!], PNG);
  assert.match(xml, /Figure 1\. CDASI activity over time/);
  assert.match(xml, /Mean ± SD of all patients; grey: each patient\./);
  // 6.5 in fits in the A4 text width (6.69 in), so it keeps its size: 914,400 EMU to the inch.
  assert.match(xml, new RegExp(`<wp:extent cx="${6.5 * 914400}" cy="${4 * 914400}"/>`));
});

test('a picture wider than the page is scaled to the text width, keeping its proportions', async () => {
  const { xml } = await open([{ title: 'Wide', caption: 'A wide figure.', png: PNG, widthIn: 13.386, heightIn: 4 }]);
  const [, cx, cy] = xml.match(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/)!;
  assert.ok(Math.abs(Number(cx) / 914400 - 6.693) < 0.02, `width ${Number(cx) / 914400} in`);
  assert.ok(Math.abs(Number(cx) / Number(cy) - 13.386 / 4) < 0.01);
});

test("a split report's document adds each group's trajectory table after the methods, numbered on", async () => {
  const { xml } = await open([], groupReports(INPUT, 'drug'));
  const at = (s: string) => xml.indexOf(s);
  assert.ok(at('Trajectory by JAKi drug') > at('Methods'));
  assert.ok(at('Table 6. Baricitinib (n 3)') > at('Trajectory by JAKi drug'));
  assert.ok(at('Table 7. Ruxolitinib (n 1)') > at('Table 6.'));
  assert.equal(tableCells(xml).length, 5 + 3, 'the report’s five tables and one per group');
});
