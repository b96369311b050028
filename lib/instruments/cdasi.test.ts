import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CDASI_ACTIVITY_MAX,
  CDASI_DAMAGE_MAX,
  CDASI_ITEM_MAX,
  CDASI_LOCATIONS,
  cdasiScores,
  emptyCdasiItems,
  maximalCdasiItems,
} from './cdasi';

describe('CDASI v2 scoring', () => {
  test('the form has the 15 anatomical locations of CDASI v2, each once', () => {
    assert.equal(CDASI_LOCATIONS.length, 15);
    assert.equal(new Set(CDASI_LOCATIONS.map((l) => l.key)).size, 15);
  });

  test('a form with nothing ticked scores activity 0 and damage 0', () => {
    assert.deepEqual(cdasiScores(emptyCdasiItems()), { activity: 0, damage: 0 });
  });

  test('a form with every item at its maximum scores activity 100 and damage 32', () => {
    // activity 15 × (3 + 2 + 1) + Gottron's hands 3×2 + 1 + periungual 2 + hair loss 1 = 90 + 6 + 1 + 2 + 1 = 100
    // damage   15 × (1 + 1) + Gottron's hands damage 2 = 32
    assert.deepEqual(cdasiScores(maximalCdasiItems()), { activity: 100, damage: 32 });
    assert.equal(CDASI_ACTIVITY_MAX, 100);
    assert.equal(CDASI_DAMAGE_MAX, 32);
  });

  test('the item maxima are those of the domain reference', () => {
    assert.deepEqual(CDASI_ITEM_MAX, {
      erythema: 3,
      scale: 2,
      erosion: 1,
      poikiloderma: 1,
      calcinosis: 1,
      gottronErythema: 3,
      gottronUlceration: 1,
      gottronDamage: 2,
      periungual: 2,
      hairLoss: 1,
    });
  });

  test("Gottron's erythema on the hands counts double only when papules are present", () => {
    const items = emptyCdasiItems();
    items.gottronHands.erythema = 3;
    assert.deepEqual(cdasiScores(items), { activity: 3, damage: 0 });
    items.gottronHands.papules = true;
    assert.deepEqual(cdasiScores(items), { activity: 6, damage: 0 });
  });

  test('papules without erythema add nothing', () => {
    const items = emptyCdasiItems();
    items.gottronHands.papules = true;
    assert.deepEqual(cdasiScores(items), { activity: 0, damage: 0 });
  });

  test('a maximal form without papules loses exactly the doubled Gottron erythema (100 − 3 = 97)', () => {
    const items = maximalCdasiItems();
    items.gottronHands.papules = false;
    assert.deepEqual(cdasiScores(items), { activity: 97, damage: 32 });
  });

  test('worked example 1: face, neck and hands with Gottron papules', () => {
    const items = emptyCdasiItems();
    items.locations.malar = { erythema: 2, scale: 1, erosion: 0, poikiloderma: 0, calcinosis: 0 };
    items.locations.periorbital = { erythema: 3, scale: 0, erosion: 0, poikiloderma: 0, calcinosis: 0 };
    items.locations.vNeck = { erythema: 2, scale: 0, erosion: 1, poikiloderma: 1, calcinosis: 0 };
    items.gottronHands = { erythema: 2, papules: true, ulceration: 0, damage: 1 };
    items.periungual = 1;
    items.hairLoss = 1;
    // activity: malar 2+1 = 3; periorbital 3; V-neck 2+0+1 = 3; Gottron's hands 2×2 = 4 (papules);
    //           periungual 1; hair loss 1            → 3 + 3 + 3 + 4 + 1 + 1 = 15
    // damage:   V-neck poikiloderma 1; Gottron's hands damage 1 → 2
    assert.deepEqual(cdasiScores(items), { activity: 15, damage: 2 });

    // The same form without papules: Gottron's hands give 2 instead of 4 → 13.
    items.gottronHands.papules = false;
    assert.deepEqual(cdasiScores(items), { activity: 13, damage: 2 });
  });

  test('worked example 2: trunk, scalp and hands with damage, no papules', () => {
    const items = emptyCdasiItems();
    items.locations.scalp = { erythema: 1, scale: 2, erosion: 1, poikiloderma: 0, calcinosis: 1 };
    items.locations.upperBack = { erythema: 3, scale: 2, erosion: 0, poikiloderma: 1, calcinosis: 1 };
    items.locations.dorsumHands = { erythema: 1, scale: 0, erosion: 0, poikiloderma: 0, calcinosis: 0 };
    items.locations.gottronElsewhere = { erythema: 2, scale: 1, erosion: 0, poikiloderma: 0, calcinosis: 0 };
    items.gottronHands = { erythema: 3, papules: false, ulceration: 1, damage: 2 };
    items.periungual = 2;
    // activity: scalp 1+2+1 = 4; upper back 3+2+0 = 5; dorsum of hands 1; Gottron's elsewhere 2+1 = 3;
    //           Gottron's hands 3 (no papules) + ulceration 1 = 4; periungual 2
    //           → 4 + 5 + 1 + 3 + 4 + 2 = 19
    // damage:   scalp calcinosis 1; upper back poikiloderma 1 + calcinosis 1 = 2; Gottron's hands damage 2
    //           → 1 + 2 + 2 = 5
    assert.deepEqual(cdasiScores(items), { activity: 19, damage: 5 });
  });

  test('worked example 3: damage items never count towards activity, nor activity items towards damage', () => {
    const items = emptyCdasiItems();
    for (const { key } of CDASI_LOCATIONS) items.locations[key] = { erythema: 0, scale: 0, erosion: 0, poikiloderma: 1, calcinosis: 0 };
    items.locations.arm.calcinosis = 1;
    items.hairLoss = 1;
    // activity: hair loss 1 → 1
    // damage:   poikiloderma at 15 locations = 15, calcinosis on the arm 1 → 16
    assert.deepEqual(cdasiScores(items), { activity: 1, damage: 16 });
  });

  test('emptyCdasiItems gives a fresh form each time', () => {
    const a = emptyCdasiItems();
    a.locations.scalp.erythema = 3;
    a.hairLoss = 1;
    assert.deepEqual(cdasiScores(emptyCdasiItems()), { activity: 0, damage: 0 });
  });
});
