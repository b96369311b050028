import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADULT_TIS_THRESHOLDS,
  CSM_KEYS,
  csmPoints,
  imacsImprovement,
  percentImprovement,
  tisCategory,
  totalImprovementScore,
  type CoreSetMeasures,
} from './imacs';

function csm(physicianGlobal: number | null, patientGlobal: number | null, mmt: number | null, haq: number | null, enzyme: number | null, extramuscularGlobal: number | null): CoreSetMeasures {
  return { physicianGlobal, patientGlobal, mmt, haq, enzyme, extramuscularGlobal };
}

describe('percentImprovement', () => {
  test('a VAS change is over the range 10, positive when it falls', () => {
    assert.equal(percentImprovement('physicianGlobal', 5, 4.5, 'tis'), 5); // 0.5 / 10
    assert.equal(percentImprovement('patientGlobal', 2, 5, 'tis'), -30); // rise of 3 / 10
  });

  test('a HAQ change is over the range 3, and 0.45 is exactly 15%, not a hair above', () => {
    // 1.5 - 1.05 is 0.44999999999999996 in doubles; the result is rounded to 1e-9 points.
    assert.equal(percentImprovement('haq', 1.5, 1.05, 'tis'), 15);
  });

  test('MMT improves upwards, over its maximum (150 bilateral, or as configured)', () => {
    assert.equal(percentImprovement('mmt', 120, 123, 'tis'), 2); // 3 / 150
    assert.equal(percentImprovement('mmt', 120, 105, 'tis'), -10); // fall of 15 / 150
    assert.equal(percentImprovement('mmt', 60, 64, 'tis', { mmtMax: 80 }), 5); // unilateral 4 / 80
  });

  test('the enzyme change is relative to its baseline value under both bases', () => {
    assert.equal(percentImprovement('enzyme', 1000, 600, 'tis'), 40);
    assert.equal(percentImprovement('enzyme', 1000, 600, 'relative'), 40);
    assert.equal(percentImprovement('enzyme', 200, 400, 'tis'), -100);
  });

  test('the relative basis divides every measure by its baseline', () => {
    assert.equal(percentImprovement('physicianGlobal', 6, 4, 'relative') > 33.33, true); // 2 / 6
    assert.equal(percentImprovement('mmt', 100, 75, 'relative'), -25);
    assert.equal(percentImprovement('haq', 1, 0.875, 'relative'), 12.5);
  });

  test('from a baseline of 0: no change is 0, a rise of a lower-is-better measure is -Infinity', () => {
    assert.equal(percentImprovement('haq', 0, 0, 'relative'), 0);
    assert.equal(percentImprovement('haq', 0, 0.5, 'relative'), -Infinity);
    assert.equal(percentImprovement('enzyme', 0, 50, 'tis'), -Infinity);
  });
});

describe('csmPoints: band edges belong to the lower band (≤5 is 0, >5–15 ...)', () => {
  test('exactly 5% scores 0, just above scores the next band', () => {
    assert.equal(csmPoints('physicianGlobal', 5), 0);
    assert.equal(csmPoints('physicianGlobal', 5.000001), 7.5);
  });
  test('exactly 15% stays in >5–15%', () => {
    assert.equal(csmPoints('haq', 15), 5);
    assert.equal(csmPoints('haq', 15.1), 7.5);
  });
  test('exactly 40% stays in >25–40%', () => {
    assert.equal(csmPoints('physicianGlobal', 40), 17.5);
    assert.equal(csmPoints('extramuscularGlobal', 40), 15);
    assert.equal(csmPoints('physicianGlobal', 40.01), 20);
  });
  test('MMT: exactly 2% scores 0, exactly 10% scores 10, exactly 30% scores 27.5', () => {
    assert.equal(csmPoints('mmt', 2), 0);
    assert.equal(csmPoints('mmt', 2.01), 10);
    assert.equal(csmPoints('mmt', 10), 10);
    assert.equal(csmPoints('mmt', 30), 27.5);
    assert.equal(csmPoints('mmt', 30.5), 32.5);
  });
  test('worsening scores 0', () => {
    for (const k of CSM_KEYS) assert.equal(csmPoints(k, -50), 0);
    assert.equal(csmPoints('mmt', -Infinity), 0);
  });
  test('the maxima add up to 100', () => {
    let total = 0;
    for (const k of CSM_KEYS) total += csmPoints(k, 100);
    assert.equal(total, 100);
  });
});

describe('totalImprovementScore', () => {
  test('a large improvement in every measure gives exactly 100', () => {
    // physician 10→4: 60% → 20; patient 10→4: 60% → 10; MMT 100→150: 33.3% → 32.5;
    // HAQ 3→1: 66.7% → 10; CK 1000→100: 90% → 7.5; extramuscular 10→4: 60% → 20.
    assert.equal(totalImprovementScore(csm(10, 10, 100, 3, 1000, 10), csm(4, 4, 150, 1, 100, 4)), 100);
  });

  test('worsening in every measure gives 0', () => {
    assert.equal(totalImprovementScore(csm(2, 2, 140, 0.5, 200, 1), csm(5, 5, 130, 1, 400, 3)), 0);
  });

  test('boundary cases land in the lower band, worked by hand', () => {
    // physician 5→4.5: exactly 5% → 0; patient 5→4.5: exactly 5% → 0;
    // MMT 120→123: exactly 2% → 0; HAQ 1.5→1.05: exactly 15% → 5;
    // CK 1000→600: exactly 40% → 7.5; extramuscular 6→2: exactly 40% → 15. Total 27.5.
    assert.equal(totalImprovementScore(csm(5, 5, 120, 1.5, 1000, 6), csm(4.5, 4.5, 123, 1.05, 600, 2)), 27.5);
    // MMT 120→135: exactly 10% → 10; physician 8→4: exactly 40% → 17.5; others unchanged. Total 27.5.
    assert.equal(totalImprovementScore(csm(8, 5, 120, 1, 300, 3), csm(4, 5, 135, 1, 300, 3)), 27.5);
  });

  test('a mixed case: 45, a moderate responder', () => {
    // physician 6→4: 20% → 15; patient 6→5: 10% → 2.5; MMT 130→136: 4% → 10;
    // HAQ 1→0.875: 4.17% → 0; CK 300→240: 20% → 5; extramuscular 4→2: 20% → 12.5.
    const tis = totalImprovementScore(csm(6, 6, 130, 1, 300, 4), csm(4, 5, 136, 0.875, 240, 2));
    assert.equal(tis, 45);
    assert.equal(tisCategory(tis as number), 'moderate');
  });

  test('is null when any of the six measures is missing at either visit', () => {
    assert.equal(totalImprovementScore(csm(6, 6, 130, 1, null, 4), csm(4, 5, 136, 0.875, 240, 2)), null);
    assert.equal(totalImprovementScore(csm(6, 6, 130, 1, 300, 4), csm(4, 5, null, 0.875, 240, 2)), null);
  });
});

describe('tisCategory (adult thresholds 20 / 40 / 60)', () => {
  test('each threshold is inclusive', () => {
    assert.deepEqual(ADULT_TIS_THRESHOLDS, { minimal: 20, moderate: 40, major: 60 });
    assert.equal(tisCategory(0), 'none');
    assert.equal(tisCategory(17.5), 'none');
    assert.equal(tisCategory(20), 'minimal');
    assert.equal(tisCategory(37.5), 'minimal');
    assert.equal(tisCategory(40), 'moderate');
    assert.equal(tisCategory(57.5), 'moderate');
    assert.equal(tisCategory(60), 'major');
    assert.equal(tisCategory(100), 'major');
  });
});

describe('imacsImprovement (DOI)', () => {
  test('met with exactly 3 measures improved by ≥ 20% relative to baseline', () => {
    // physician 6→4: 33% ✓; patient 6→5: 16.7%; MMT 130→136: +4.6%; HAQ 1→0.875: 12.5%;
    // CK 300→240: exactly 20% ✓; extramuscular 4→2: 50% ✓. Three improved, none worsened.
    assert.equal(imacsImprovement(csm(6, 6, 130, 1, 300, 4), csm(4, 5, 136, 0.875, 240, 2)), true);
  });

  test('not met with only 2 improved', () => {
    // CK 300→250: 16.7%, so only physician and extramuscular improve.
    assert.equal(imacsImprovement(csm(6, 6, 130, 1, 300, 4), csm(4, 5, 136, 0.875, 250, 2)), false);
  });

  test('not met when MMT worsened by exactly 25%', () => {
    // MMT 100→75: -25%; physician, patient, extramuscular improved by 50%.
    assert.equal(imacsImprovement(csm(6, 6, 100, 1, 300, 4), csm(3, 3, 75, 1, 300, 2)), false);
  });

  test('two other measures worsened by ≥ 25% are allowed, three are not', () => {
    // physician 6→3, patient 6→3, extramuscular 4→2 improved by 50%;
    // HAQ 1→1.25 (-25%) and CK 300→600 (-100%) worsened; MMT unchanged.
    assert.equal(imacsImprovement(csm(6, 6, 100, 1, 300, 4), csm(3, 3, 100, 1.25, 600, 2)), true);
    // With MMT improved too but patient global now 2→3 (-50%): three worsened.
    assert.equal(imacsImprovement(csm(6, 2, 100, 1, 300, 4), csm(3, 3, 130, 1.25, 600, 2)), false);
  });

  test('a lower-is-better measure at 0 cannot improve, and any rise from 0 is a worsening', () => {
    // patient global 0→0 does not count as improved; HAQ 0→0.25 worsened; with physician,
    // extramuscular and CK improved: 3 improved, 1 worsened → met.
    assert.equal(imacsImprovement(csm(6, 0, 100, 0, 300, 4), csm(3, 0, 100, 0.25, 200, 2)), true);
    // Without the CK improvement only 2 improved.
    assert.equal(imacsImprovement(csm(6, 0, 100, 0, 300, 4), csm(3, 0, 100, 0.25, 300, 2)), false);
  });

  test('is null when any of the six measures is missing at either visit', () => {
    assert.equal(imacsImprovement(csm(6, 6, 130, null, 300, 4), csm(4, 5, 136, 0.875, 240, 2)), null);
  });
});
