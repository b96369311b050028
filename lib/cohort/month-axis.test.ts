import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { monthAxis } from './month-axis';

// A visit belongs to a schedule point within 45 days (about 1.5 months) of it, as in
// lib/cohort/schedule.ts.

describe('monthAxis', () => {
  test('ticks fall on the schedule: 0, 3, 6, then every six months', () => {
    assert.deepEqual(monthAxis([0, 3.1, 5.9, 12, 17.8, 23.9]), { domain: [0, 24], ticks: [0, 3, 6, 12, 18, 24] });
  });

  test('the range runs at least from 0 to 6 months', () => {
    assert.deepEqual(monthAxis([0]), { domain: [0, 6], ticks: [0, 3, 6] });
    assert.deepEqual(monthAxis([2.5]), { domain: [0, 6], ticks: [0, 3, 6] });
  });

  test('a last visit a few days after its time point widens the range just enough', () => {
    assert.deepEqual(monthAxis([0, 3, 6, 12, 18.2]), { domain: [0, 18.2], ticks: [0, 3, 6, 12, 18] });
  });

  test('a last visit beyond the window of a time point extends the range to the next one', () => {
    assert.deepEqual(monthAxis([0, 14]), { domain: [0, 18], ticks: [0, 3, 6, 12, 18] });
  });

  test('a baseline shortly before the JAKi start keeps the range at 0, widened to hold it', () => {
    assert.deepEqual(monthAxis([-0.4, 3, 6]), { domain: [-0.4, 6], ticks: [0, 3, 6] });
  });

  test('a baseline months before the start opens the range at the schedule point before 0', () => {
    assert.deepEqual(monthAxis([-2, 3]), { domain: [-3, 6], ticks: [-3, 0, 3, 6] });
  });

  test('a follow-up that starts late still shows the range from 0', () => {
    assert.deepEqual(monthAxis([12, 18]), { domain: [0, 18], ticks: [0, 3, 6, 12, 18] });
  });

  test('every visit lies in the range, and every tick is a schedule point inside it', () => {
    const onSchedule = (m: number) => [0, 3].includes(Math.abs(m)) || Math.abs(m) % 6 === 0;
    fc.assert(
      fc.property(fc.array(fc.double({ min: -6, max: 120, noNaN: true }), { minLength: 1, maxLength: 20 }), (months) => {
        const { domain, ticks } = monthAxis(months);
        assert.ok(months.every((m) => m >= domain[0] && m <= domain[1]));
        assert.ok(ticks.every((t) => onSchedule(t) && t >= domain[0] && t <= domain[1]));
        assert.ok(ticks.includes(0) && ticks.includes(3) && ticks.includes(6));
        assert.ok(ticks.every((t, i) => i === 0 || t > ticks[i - 1]!));
        // The range ends no more than a visit window past its last tick.
        assert.ok(domain[1] - ticks.at(-1)! <= 45 / (365.25 / 12));
      }),
    );
  });
});
