import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from './report';
import { generateReportInput } from '@/test-support/report-generated';
import { referenceReport } from '@/test-support/report-reference';
import type { ReportInput } from './types';
import type { ReportSettings } from './windows';

// buildReport is tuned for cohorts of ten thousand; test-support/report-reference.ts computes the same
// report the plain way. Both must give the same report, value for value and key for key.
function assertSameReport(input: ReportInput, settings?: ReportSettings) {
  const fast = buildReport(input, settings);
  const plain = referenceReport(input, settings);
  // Strict deep equality tells -0 from 0 and NaN from null; the JSON text checks key order.
  assert.deepEqual(fast, plain);
  assert.equal(JSON.stringify(fast), JSON.stringify(plain));
}

describe('buildReport gives the same report as the plain reference', () => {
  test('a clean cohort: every core set measure recorded, visits in order', () => {
    assertSameReport(generateReportInput({ patients: 2000, seed: 11 }));
  });

  test('messy cohorts: missing values, NaN and Infinity, visits out of order, two baselines, ties, one date twice', () => {
    for (const seed of [1, 2, 3]) assertSameReport(generateReportInput({ patients: 1500, seed, messy: true }));
  });

  test('one site of a cohort', () => {
    const input = generateReportInput({ patients: 1500, seed: 4, messy: true });
    assertSameReport({ ...input, site: 'B' });
    assertSameReport({ ...input, site: 'nowhere' });
  });

  test('small cohorts, where the Wilcoxon test can use its exact distribution', () => {
    for (const patients of [0, 1, 2, 5, 12, 30, 49, 60]) {
      assertSameReport(generateReportInput({ patients, seed: 100 + patients, messy: true }));
    }
  });

  test('other settings: overlapping windows, other thresholds, the unilateral MMT8, a later final, a longer event window', () => {
    const settings: ReportSettings = {
      windows: { m3: { target: 80, from: 30, to: 200 }, m6: { target: 190, from: 120, to: 260 } },
      responderDrop: 3,
      taperThreshold: 7.5,
      mmt8Max: 80,
      finalMinDay: 120,
      aeWindowAfterStopDays: 90,
      primaryTest: 'ttest',
      decimals: 2,
    };
    assertSameReport(generateReportInput({ patients: 1500, seed: 5, messy: true }), settings);
  });
});
