import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '@/lib/dates';
import { INPUT, START, patient, visit } from '@/test-support/report-fixture';
import { continuationObservation, jakiContinuation } from './continuation';
import { buildReport } from './report';

// JAKi continuation (docs/report.md, "JAK inhibitor continuation curve"), on hand-made patients
// who all start on 2024-01-01.

const AS_OF = '2025-06-30'; // day 546
const day = (n: number) => addDays(START, n);

describe('time on the JAKi of one patient', () => {
  test('a stop is an event at its day', () => {
    assert.deepEqual(continuationObservation(patient('S', { jakiStopDate: day(120) }), AS_OF), { time: 120, event: true });
  });

  test('a death without a stop date is an event at the death', () => {
    assert.deepEqual(continuationObservation(patient('D', { deathDate: day(200) }), AS_OF), { time: 200, event: true });
  });

  test('with both a stop and a death, the earlier ends the treatment', () => {
    assert.deepEqual(continuationObservation(patient('SD', { jakiStopDate: day(150), deathDate: day(160) }), AS_OF), { time: 150, event: true });
    assert.deepEqual(continuationObservation(patient('DS', { jakiStopDate: day(170), deathDate: day(160) }), AS_OF), { time: 160, event: true });
  });

  test('still on it: censored at the end of follow-up, even with visits after it', () => {
    const p = patient('F', { followUpEndDate: day(400), visits: [visit('baseline', 0), visit('follow_up', 420)] });
    assert.deepEqual(continuationObservation(p, AS_OF), { time: 400, event: false });
  });

  test('without an end of follow-up, censored at the last visit; without a visit, at the report date', () => {
    const p = patient('V', { visits: [visit('follow_up', 300), visit('baseline', -5), visit('follow_up', 90)] });
    assert.deepEqual(continuationObservation(p, AS_OF), { time: 300, event: false });
    assert.deepEqual(continuationObservation(patient('N', {}), AS_OF), { time: 546, event: false });
  });

  test('never past the report date: a later end of follow-up or stop counts as on the JAKi at that date', () => {
    assert.deepEqual(continuationObservation(patient('L', { followUpEndDate: day(600) }), AS_OF), { time: 546, event: false });
    assert.deepEqual(continuationObservation(patient('LS', { jakiStopDate: day(600) }), AS_OF), { time: 546, event: false });
    assert.deepEqual(continuationObservation(patient('T', { jakiStopDate: day(546) }), AS_OF), { time: 546, event: true });
  });

  test('a baseline before the start and nothing after it: observed for 0 days', () => {
    assert.deepEqual(continuationObservation(patient('B', { visits: [visit('baseline', -7)] }), AS_OF), { time: 0, event: false });
  });
});

describe('the continuation curve of the report', () => {
  test('the fixture cohort, worked by hand', () => {
    // A-04 censored at day 0 (baseline only), A-05 at 95 (last visit), A-02 stopped on day 213,
    // A-03 died and stopped on day 319, A-01 censored at 365 (last visit).
    const { jaki_continuation: c } = buildReport(INPUT);
    assert.deepEqual(c.steps, [
      { day: 0, survival: 1, at_risk: 5, events: 0, censored: 1 },
      { day: 95, survival: 1, at_risk: 4, events: 0, censored: 1 },
      { day: 213, survival: 1 - 1 / 3, at_risk: 3, events: 1, censored: 0 },
      { day: 319, survival: (1 - 1 / 3) * (1 - 1 / 2), at_risk: 2, events: 1, censored: 0 },
      { day: 365, survival: (1 - 1 / 3) * (1 - 1 / 2), at_risk: 1, events: 0, censored: 1 },
    ]);
    assert.equal(c.median_days, 319);
    // Month 6 is day 182.625: 213, 319 and 365 are still observed; month 12 (365.25) is past the longest time.
    assert.deepEqual(c.at_risk, [{ month: 0, n: 5 }, { month: 6, n: 3 }, { month: 12, n: 0 }]);
  });

  test('the numbers at risk go on every 6 months up to the first at or past the longest time', () => {
    const c = jakiContinuation([patient('A', { followUpEndDate: day(730) }), patient('B', { jakiStopDate: day(30) })], '2027-01-01');
    assert.deepEqual(c.at_risk.map((r) => r.month), [0, 6, 12, 18, 24]);
    // Month 24 is day 730.5: A, observed to day 730, is no longer at risk there.
    assert.deepEqual(c.at_risk.map((r) => r.n), [2, 1, 1, 1, 0]);
    assert.equal(c.median_days, 30);
  });
});
