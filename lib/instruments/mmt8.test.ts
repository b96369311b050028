import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KENDALL_MAX,
  MMT8_BILATERAL,
  MMT8_MAX,
  MMT8_UNILATERAL_MAX,
  gradePoints,
  isKendallGrade,
  mmt8Total,
  uniformMmt8Items,
  type Mmt8Items,
} from './mmt8';

describe('MMT8 total (bilateral, 0–150)', () => {
  test('has neck flexors once and seven groups on each side', () => {
    assert.equal(MMT8_BILATERAL.length, 7);
    // 7 × 2 × 10 + 10 = 150; unilateral 7 × 10 + 10 = 80
    assert.equal(MMT8_MAX, 7 * 2 * KENDALL_MAX + KENDALL_MAX);
    assert.equal(MMT8_UNILATERAL_MAX, 7 * KENDALL_MAX + KENDALL_MAX);
  });

  test('full strength everywhere totals 150', () => {
    assert.equal(mmt8Total(uniformMmt8Items(10)), 150);
  });

  test('grade 0 everywhere totals 0', () => {
    assert.equal(mmt8Total(uniformMmt8Items(0)), 0);
  });

  test('a uniform grade g totals 15 × g', () => {
    assert.equal(mmt8Total(uniformMmt8Items(7)), 105);
  });

  test("trace ('T') counts 0 but stays recorded as 'T', distinct from 0", () => {
    const items = uniformMmt8Items('T');
    assert.equal(mmt8Total(items), 0);
    assert.equal(items.neckFlexors, 'T');
    assert.equal(items.right.deltoid, 'T');
    assert.equal(items.left.ankleDorsiflexors, 'T');
    assert.notDeepEqual(items, uniformMmt8Items(0));
    assert.equal(gradePoints('T'), 0);
    assert.equal(gradePoints(0), 0);
    assert.equal(gradePoints(9), 9);
  });

  test('worked example: an asymmetric, proximal-predominant weakness with one trace grade', () => {
    const items: Mmt8Items = {
      neckFlexors: 8,
      right: { deltoid: 9, biceps: 10, wristExtensors: 10, gluteusMaximus: 7, gluteusMedius: 7, quadriceps: 9, ankleDorsiflexors: 10 },
      left: { deltoid: 6, biceps: 8, wristExtensors: 'T', gluteusMaximus: 5, gluteusMedius: 4, quadriceps: 7, ankleDorsiflexors: 9 },
    };
    // neck 8
    // right 9 + 10 + 10 + 7 + 7 + 9 + 10 = 62
    // left  6 +  8 +  0 (T) + 5 + 4 + 7 + 9 = 39
    // total 8 + 62 + 39 = 109
    assert.equal(mmt8Total(items), 109);
    assert.equal(items.left.wristExtensors, 'T');
  });

  test('the right and left sides both count, so swapping them keeps the total', () => {
    const items = uniformMmt8Items(10);
    items.right.quadriceps = 3;
    items.left.deltoid = 4;
    // 150 − (10 − 3) − (10 − 4) = 150 − 7 − 6 = 137
    assert.equal(mmt8Total(items), 137);
    assert.equal(mmt8Total({ neckFlexors: items.neckFlexors, right: items.left, left: items.right }), 137);
  });

  test('uniformMmt8Items gives independent sides', () => {
    const items = uniformMmt8Items(10);
    items.right.biceps = 0;
    assert.equal(items.left.biceps, 10);
  });
});

describe('isKendallGrade', () => {
  test('accepts whole numbers 0 to 10 and trace', () => {
    for (const g of [0, 1, 5, 9, 10, 'T']) assert.equal(isKendallGrade(g), true, String(g));
  });

  test('refuses values off the scale, fractions, strings and empties', () => {
    for (const g of [-1, 11, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '5', 't', 'trace', '', null, undefined, {}])
      assert.equal(isKendallGrade(g), false, String(g));
  });
});
