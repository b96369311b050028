import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { monthTicks, niceTicks } from './axis';

describe('niceTicks over an instrument range ends on its maximum', () => {
  test('CDASI activity 0–100', () => {
    assert.deepEqual(niceTicks(0, 100, { exact: true }), [0, 20, 40, 60, 80, 100]);
  });

  test('MMT8 0–150 and the one-sided 0–80', () => {
    assert.deepEqual(niceTicks(0, 150, { exact: true }), [0, 25, 50, 75, 100, 125, 150]);
    assert.deepEqual(niceTicks(0, 80, { exact: true }), [0, 20, 40, 60, 80]);
  });

  test('a percentage 0–100 and a small scale 0–1', () => {
    assert.deepEqual(niceTicks(0, 1, { exact: true }), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('a range no round step divides gets round ticks past its end instead', () => {
    assert.deepEqual(niceTicks(0, 97, { exact: true }), [0, 20, 40, 60, 80, 100]);
  });
});

describe('niceTicks over data rises to the next round value', () => {
  test('a largest value of 32 mg/day', () => {
    assert.deepEqual(niceTicks(0, 32), [0, 10, 20, 30, 40]);
  });

  test('the MMT8 top that a plotting library once picked', () => {
    const ticks = niceTicks(0, 153.86458970335738);
    assert.deepEqual(ticks, [0, 50, 100, 150, 200]);
    assert.ok(ticks.every((t) => Number.isInteger(t)));
  });

  test('small and fractional ranges keep clean values', () => {
    assert.deepEqual(niceTicks(0, 0.7), [0, 0.2, 0.4, 0.6, 0.8]);
    assert.deepEqual(niceTicks(0, 7.3), [0, 2, 4, 6, 8]);
    assert.deepEqual(niceTicks(0, 12), [0, 2.5, 5, 7.5, 10, 12.5]);
  });

  test('an empty range still gives an axis', () => {
    assert.deepEqual(niceTicks(0, 0), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  test('every result is round, rising and covers the range', () => {
    for (const top of [1, 3, 9.99, 17, 45, 60, 101, 250, 999, 1234.5, 40000]) {
      const ticks = niceTicks(0, top);
      assert.ok(ticks.length >= 4 && ticks.length <= 9, `${top}: ${ticks}`);
      assert.ok(ticks.at(-1)! >= top, `${top}: ${ticks}`);
      const step = ticks[1]! - ticks[0]!;
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      assert.ok([1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-9), `${top}: step ${step}`);
      for (const t of ticks) assert.equal(String(t).length <= 8, true, `${top}: ${t}`);
    }
  });

  test('refuses ends that are not numbers', () => {
    assert.throws(() => niceTicks(0, Number.NaN), /axis ends must be finite numbers/);
  });
});

describe('monthTicks', () => {
  test('every 6 months for up to 4 years, ending at or past the longest time', () => {
    assert.deepEqual(monthTicks(0), [0, 6]);
    assert.deepEqual(monthTicks(2), [0, 6]);
    assert.deepEqual(monthTicks(18), [0, 6, 12, 18]);
    assert.deepEqual(monthTicks(25.1), [0, 6, 12, 18, 24, 30]);
  });

  test('every 12 months or more for longer follow-up, at most 8 intervals', () => {
    assert.deepEqual(monthTicks(60), [0, 12, 24, 36, 48, 60]);
    assert.deepEqual(monthTicks(150), [0, 24, 48, 72, 96, 120, 144, 168]);
    const long = monthTicks(1000);
    assert.ok(long.length <= 9 && long.at(-1)! >= 1000 && long[1]! % 12 === 0, String(long));
  });
});
