import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeier, medianSurvival, numberAtRisk, type SurvivalObservation } from './kaplan-meier';

const obs = (time: number, event: boolean): SurvivalObservation => ({ time, event });

describe('kaplanMeier', () => {
  test('five subjects, worked by hand; at a shared time the event comes before the censoring', () => {
    // t=3: 5 at risk, 1 event → 4/5. t=5: 4 at risk (the one censored at 5 still counts), 1 event
    // → 0.8 × 3/4 = 0.6 (censoring first would give 0.8 × 2/3). t=8: 2 at risk → 0.3. t=12: censored.
    const data = [obs(12, false), obs(5, true), obs(3, true), obs(8, true), obs(5, false)];
    assert.deepEqual(kaplanMeier(data), [
      { time: 3, atRisk: 5, events: 1, censored: 0, survival: 0.8 },
      { time: 5, atRisk: 4, events: 1, censored: 1, survival: 0.8 * 0.75 },
      { time: 8, atRisk: 2, events: 1, censored: 0, survival: 0.8 * 0.75 * 0.5 },
      { time: 12, atRisk: 1, events: 0, censored: 1, survival: 0.8 * 0.75 * 0.5 },
    ]);
    assert.equal(medianSurvival(kaplanMeier(data)), 8);
  });

  test("the AML maintained group (Miller 1981), as R's survfit prints it", () => {
    // survfit(Surv(time, status) ~ 1, data = aml, subset = x == "Maintained")
    const times: [number, boolean][] = [[9, true], [13, true], [13, false], [18, true], [23, true], [28, false], [31, true], [34, true], [45, false], [48, true], [161, false]];
    const steps = kaplanMeier(times.map(([t, e]) => obs(t, e))).filter((s) => s.events > 0);
    assert.deepEqual(
      steps.map((s) => [s.time, s.atRisk, s.events]),
      [[9, 11, 1], [13, 10, 1], [18, 8, 1], [23, 7, 1], [31, 5, 1], [34, 4, 1], [48, 2, 1]],
    );
    assert.deepEqual(
      steps.map((s) => Number(s.survival.toFixed(3))),
      [0.909, 0.818, 0.716, 0.614, 0.491, 0.368, 0.184],
    );
    assert.equal(medianSurvival(kaplanMeier(times.map(([t, e]) => obs(t, e)))), 31);
  });

  test('no subject, no step; only censorings keep the curve at 1 and leave no median', () => {
    assert.deepEqual(kaplanMeier([]), []);
    const steps = kaplanMeier([obs(10, false), obs(20, false)]);
    assert.deepEqual(steps.map((s) => s.survival), [1, 1]);
    assert.equal(medianSurvival(steps), null);
  });

  test('events at time 0 drop the curve at once; everyone with an event ends at 0', () => {
    const steps = kaplanMeier([obs(0, true), obs(0, false), obs(4, true)]);
    assert.deepEqual(steps, [
      { time: 0, atRisk: 3, events: 1, censored: 1, survival: 1 - 1 / 3 },
      { time: 4, atRisk: 1, events: 1, censored: 0, survival: 0 },
    ]);
  });

  test('a curve that reaches exactly 0.5 has its median there', () => {
    assert.equal(medianSurvival(kaplanMeier([obs(1, true), obs(2, true), obs(3, false), obs(4, false)])), 2);
    // (1 − 1/4)(1 − 1/3) is 0.5 in exact arithmetic but not in doubles.
    assert.equal(medianSurvival(kaplanMeier([obs(1, true), obs(2, true), obs(9, false), obs(9, false)])), 2);
  });

  test('refuses a time that is negative or not a number', () => {
    assert.throws(() => kaplanMeier([obs(-1, true)]), /time must be a finite number of 0 or more/);
    assert.throws(() => kaplanMeier([obs(Number.NaN, false)]), RangeError);
  });
});

describe('numberAtRisk', () => {
  const data = [obs(3, true), obs(5, true), obs(5, false), obs(8, true), obs(12, false)];

  test('counts the subjects observed until the time or later', () => {
    assert.equal(numberAtRisk(data, 0), 5);
    assert.equal(numberAtRisk(data, 5), 4);
    assert.equal(numberAtRisk(data, 5.5), 2);
    assert.equal(numberAtRisk(data, 12), 1);
    assert.equal(numberAtRisk(data, 12.1), 0);
  });
});
