import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { buildReport } from '@/lib/cohort/report';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { generateReportInput } from '@/test-support/report-generated';
import { INPUT, patient, visit } from '@/test-support/report-fixture';
import { FIGURE_NAMES, reportFigure, reportFigures } from './index';
import { escapeXml, HEIGHT, SMALLEST_FONT_PT, WIDTH } from './svg';

const report = buildReport(INPUT);

/** The figure's texts, unescaped, after checking that it is well-formed XML. */
function texts(svg: string): string[] {
  assert.equal(XMLValidator.validate(svg), true, 'the SVG is well-formed XML');
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );
}

function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe('reportFigures', () => {
  test('four figures, 6.5 × 4 inches, each SVG well-formed with text of 13 pt or more', () => {
    const figures = reportFigures(report);
    assert.deepEqual(figures.map((f) => f.name), [...FIGURE_NAMES]);
    for (const f of figures) {
      assert.equal(f.widthIn, 6.5);
      assert.equal(f.heightIn, 4);
      assert.match(f.svg, new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="6.5in" height="4in" viewBox="0 0 ${WIDTH} ${HEIGHT}"`));
      texts(f.svg);
      assert.ok(fontSizes(f.svg).every((s) => s >= SMALLEST_FONT_PT), `${f.name}: ${fontSizes(f.svg)}`);
      assert.ok(f.caption.length > 50);
    }
  });

  test('the trajectory figures have axis titles with units, round ticks and n under each time point', () => {
    const cdasi = texts(reportFigure(report, 'cdasi').svg);
    assert.ok(cdasi.includes('CDASI activity (points)'));
    assert.ok(cdasi.includes('Time on the JAK inhibitor'));
    // The fixture: CDASI activity at baseline in 4 patients, month 3 in 3, month 6 in 2, final in 4.
    assert.deepEqual(cdasi.filter((t) => t.startsWith('n = ')), [`n = ${report.measures.cdasi_activity.baseline.n}`, 'n = 3', 'n = 2', 'n = 4']);
    assert.deepEqual(report.measures.cdasi_activity.baseline.n, 4);
    for (const tick of ['0', '20', '40', '60', '80', '100']) assert.ok(cdasi.includes(tick), `tick ${tick}`);

    const mmt8 = texts(reportFigure(report, 'mmt8').svg);
    assert.ok(mmt8.includes('MMT8 (points)'));
    for (const tick of ['0', '25', '50', '75', '100', '125', '150']) assert.ok(mmt8.includes(tick), `tick ${tick}`);
    const prednisone = texts(reportFigure(report, 'prednisone').svg);
    assert.ok(prednisone.includes('Prednisone (mg/day)'));
    assert.equal(prednisone.filter((t) => t.startsWith('n = ')).length, 4);
  });

  test("the MMT8 axis follows the cohort's scale", () => {
    const oneSide = [patient('U-1', { visits: [visit('baseline', 0, { mmt8: 60 }), visit('follow_up', 91, { mmt8: 72 })] })];
    const unilateral = buildReport({ ...INPUT, patients: oneSide }, { ...DEFAULT_REPORT_SETTINGS, mmt8Max: 80 });
    const t = texts(reportFigure(unilateral, 'mmt8').svg);
    assert.ok(t.includes('MMT8 (0–80)'));
    assert.deepEqual(t.filter((v) => /^\d+$/.test(v)), ['0', '20', '40', '60', '80']);
  });

  test('an SD bar that passes the top of the scale ends in an arrowhead with the value it reaches, and the caption says so', () => {
    // MMT8 at month 6: 140 and 150, mean 145, SD 7.07: the bar would reach 152.1 on a 0–150 scale.
    assert.equal(report.measures.mmt8.m6.mean, 145);
    const figure = reportFigure(report, 'mmt8');
    assert.ok(texts(figure.svg).includes('152'));
    assert.match(figure.svg, /<path d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+Z" fill="#b4442f"\/>/);
    assert.match(figure.caption, /the SD bar stops at the axis with an arrowhead and the value it reaches/);
    // CDASI activity stays inside 0–100: no arrowhead.
    assert.doesNotMatch(reportFigure(report, 'cdasi').svg, /Z" fill="#b4442f"/);
  });

  test('an SD bar that passes below 0 ends in an arrowhead with its value, and the dose axis ends on a round value at or above all it draws', () => {
    // Prednisone 0, 0 and 10 mg/day at baseline: mean 3.33, SD 5.77, so mean − SD is −2.4 and mean + SD 9.1.
    const doses = [0, 0, 10].map((mg, i) => patient(`D-${i}`, { visits: [visit('baseline', 0, { prednisoneMgDay: mg })] }));
    const figure = reportFigure(buildReport({ ...INPUT, patients: doses }), 'prednisone');
    const t = texts(figure.svg);
    assert.ok(t.includes('−2.4'), String(t));
    assert.deepEqual(t.filter((v) => /^\d+(\.\d+)?$/.test(v)), ['0', '2', '4', '6', '8', '10']);
    assert.match(figure.caption, /Where mean ± SD passes the end of the axis \(doses are 0 or more\), the SD bar stops/);
  });

  test('a value above the scale (entered before the scale changed) widens the axis instead of leaving the plot', () => {
    const unilateral = { ...report, settings: { ...report.settings, mmt8_max: 80 } };
    const ticks = texts(reportFigure(unilateral, 'mmt8').svg).filter((t) => /^\d+$/.test(t)).map(Number);
    assert.ok(Math.max(...ticks) >= 150, String(ticks));
  });

  test('each mean has its value on hover', () => {
    const svg = reportFigure(report, 'cdasi').svg;
    const m = report.measures.cdasi_activity.baseline;
    assert.ok(svg.includes(`<title>Baseline: mean ${m.mean!.toFixed(1)} ± SD ${m.sd!.toFixed(1)}, n 4</title>`));
  });

  test('a large cohort draws at most 300 patient lines and says how many of how many', () => {
    const big = buildReport(generateReportInput({ patients: 420, seed: 7 }));
    const figure = reportFigure(big, 'cdasi');
    assert.ok(texts(figure.svg).includes('300 of 420 patients'));
    assert.match(figure.caption, /Grey: 300 of the 420 patients, evenly spread in code order/);
    const moves = (figure.svg.match(/<path d="M[^"]*" fill="none" stroke="#9aa7b6"/)?.[0].match(/M/g) ?? []).length;
    assert.ok(moves > 0 && moves <= 300, String(moves));
  });

  test('a cohort without values says so instead of drawing nothing', () => {
    const empty = buildReport({ cohort: 'EMPTY', today: '2025-01-01', patients: [] });
    for (const f of reportFigures(empty)) texts(f.svg);
    assert.ok(texts(reportFigure(empty, 'cdasi').svg).includes('No values recorded'));
    assert.ok(texts(reportFigure(empty, 'continuation').svg).includes('No patients'));
  });
});

describe('the continuation figure', () => {
  test('axis titles, the median, and the numbers at risk under the month ticks', () => {
    const figure = reportFigure(report, 'continuation');
    const t = texts(figure.svg);
    assert.ok(t.includes('On the JAK inhibitor (%)'));
    assert.ok(t.includes('Months since the JAK-inhibitor start'));
    assert.ok(t.includes('At risk'));
    // Ticks at 0, 6 and 12 months; at risk 5, 3 and 0 (lib/cohort/continuation.test.ts): the
    // numbers on the line of "At risk".
    const row = (label: string) => figure.svg.match(new RegExp(`y="([\\d.]+)"[^>]*>${label}<`))![1];
    const atRiskRow = [...figure.svg.matchAll(/y="([\d.]+)"[^>]*>([^<]*)</g)].filter((m) => m[1] === row('At risk')).map((m) => m[2]);
    assert.deepEqual(atRiskRow, ['5', '3', '0', 'At risk']);
    const tickRow = [...figure.svg.matchAll(/y="([\d.]+)"[^>]*>([^<]*)</g)].filter((m) => m[1] === row('6')).map((m) => m[2]);
    assert.deepEqual(tickRow, ['0', '6', '12']);
    assert.ok(t.includes('Kaplan–Meier estimate, median 10.5 months'));
    assert.match(figure.caption, /5 patients still on the JAK inhibitor.*2 ended it by a stop or a death/);
  });

  test('a censoring draws a tick on the curve', () => {
    const censored = buildReport({ ...INPUT, patients: [patient('C', { visits: [visit('baseline', 0), visit('follow_up', 100)] })] });
    assert.match(reportFigure(censored, 'continuation').svg, /<path d="M\d+ \d+v10" stroke/);
  });
});

test('escapeXml makes text safe in content and attributes', () => {
  assert.equal(escapeXml(`<b>"Tom" & 'Jerry'</b>`), '&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
});
