import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TimePointCell } from '@/lib/cohort/report-types';
import { ADULT_TIS_THRESHOLDS } from '@/lib/instruments/imacs';
import { cellP, formatP, meanSd, pairsLabel, tisBandLabels } from './report-labels';

describe('P in the journal style', () => {
  test('two decimals, three below .01, "< .001", "> .99", a dash for none', () => {
    assert.equal(formatP(0.0496), '.05');
    assert.equal(formatP(0.0504), '.05');
    assert.equal(formatP(0.3), '.30');
    assert.equal(formatP(0.01), '.01');
    assert.equal(formatP(0.0099), '.010');
    assert.equal(formatP(0.0042), '.004');
    assert.equal(formatP(0.001), '.001');
    assert.equal(formatP(0.00099), '< .001');
    assert.equal(formatP(0.995), '> .99');
    assert.equal(formatP(1), '> .99');
    assert.equal(formatP(null), '–');
  });

  test("the cell's P comes from the primary test, none with fewer than two pairs", () => {
    const cell = (n_paired: number): TimePointCell => ({ n: 5, mean: 1, sd: 1, n_paired, p_wilcoxon: 0.03, p_ttest: 0.02, wilcoxon_method: 'exact' });
    assert.deepEqual(cellP(cell(5), 'wilcoxon'), { p: 0.03, other: 0.02, name: 'Wilcoxon signed-rank test', otherName: 'paired t-test' });
    assert.deepEqual(cellP(cell(5), 'ttest'), { p: 0.02, other: 0.03, name: 'paired t-test', otherName: 'Wilcoxon signed-rank test' });
    assert.equal(cellP(cell(1), 'wilcoxon').p, null);
    assert.equal(cellP(cell(1), 'wilcoxon').other, null);
  });

  test('pairs counted in words, one pair singular', () => {
    assert.equal(pairsLabel(0), '0 pairs');
    assert.equal(pairsLabel(1), '1 pair');
    assert.equal(pairsLabel(16), '16 pairs');
  });
});

test('TIS band headers are exclusive: < 20, 20–39, 40–59, ≥ 60', () => {
  assert.deepEqual(tisBandLabels(ADULT_TIS_THRESHOLDS), { none: '< 20', minimal: '20–39', moderate: '40–59', major: '≥ 60' });
});

test("mean ± SD with the cohort's decimals; the mean alone without an SD; a dash without a mean", () => {
  // 22.5 ± √(125/3) = 6.454972…
  const sd = Math.sqrt(125 / 3);
  assert.equal(meanSd(22.5, sd, 0), '23 ± 6');
  assert.equal(meanSd(22.5, sd, 1), '22.5 ± 6.5');
  assert.equal(meanSd(22.5, sd, 2), '22.50 ± 6.45');
  assert.equal(meanSd(22.5, sd, 3), '22.500 ± 6.455');
  assert.equal(meanSd(11.75, null, 2), '11.75');
  assert.equal(meanSd(null, null, 2), '–');
});
