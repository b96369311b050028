import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { monthAxis } from './month-axis';

describe('monthAxis', () => {
  test('ticks fall on the schedule: 0, 3, 6, then every six months', () => {
    assert.deepEqual(monthAxis([0, 3.1, 5.9, 12, 17.8, 23.9]), { domain: [0, 24], ticks: [0, 3, 6, 12, 18, 24] });
  });

  test('the range runs at least from 0 to 6 months', () => {
    assert.deepEqual(monthAxis([0]), { domain: [0, 6], ticks: [0, 3, 6] });
    assert.deepEqual(monthAxis([2.5]), { domain: [0, 6], ticks: [0, 3, 6] });
  });

  test('a last visit past a schedule point extends the range to the next one', () => {
    assert.deepEqual(monthAxis([0, 12.3]), { domain: [0, 18], ticks: [0, 3, 6, 12, 18] });
    assert.deepEqual(monthAxis([0, 6.2]), { domain: [0, 12], ticks: [0, 3, 6, 12] });
  });

  test('a baseline before the JAKi start opens the range at the schedule point before it', () => {
    assert.deepEqual(monthAxis([-0.5, 3, 6]), { domain: [-3, 6], ticks: [-3, 0, 3, 6] });
    assert.deepEqual(monthAxis([-4, 3]), { domain: [-6, 6], ticks: [-6, -3, 0, 3, 6] });
  });

  test('a follow-up that starts late still shows the range from 0', () => {
    assert.deepEqual(monthAxis([12, 18]), { domain: [0, 18], ticks: [0, 3, 6, 12, 18] });
  });

  test('every visit lies in the range, whose ends are ticks on the schedule', () => {
    const onSchedule = (m: number) => [0, 3].includes(Math.abs(m)) || (Math.abs(m) % 6 === 0);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -6, max: 120, noNaN: true }), { minLength: 1, maxLength: 20 }), (months) => {
        const { domain, ticks } = monthAxis(months);
        assert.ok(months.every((m) => m >= domain[0] && m <= domain[1]));
        assert.equal(ticks[0], domain[0]);
        assert.equal(ticks.at(-1), domain[1]);
        assert.ok(ticks.every(onSchedule));
        assert.ok(ticks.every((t, i) => i === 0 || t > ticks[i - 1]!));
      }),
    );
  });
});
