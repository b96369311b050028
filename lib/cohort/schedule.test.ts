import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { followUpState, matchesFilter, nextVisitDue } from './schedule';

// Time points in days from the JAKi start: M3 91, M6 182, then every six months as
// round(months / 12 × 365.25): M12 365, M18 548, M24 731. A visit within 45 days covers a point.
const START = '2024-01-01';

function patient(visitDates: string[], more: Partial<Parameters<typeof nextVisitDue>[0]> = {}) {
  return { jakiStartDate: START, jakiStopDate: null, deathDate: null, followUpEndDate: null, visitDates, hasBaseline: true, ...more };
}

describe('nextVisitDue', () => {
  test('after the baseline only, M3 is due 91 days after the JAKi start', () => {
    // 2024-01-01 + 91 days: 31 (Jan) + 29 (Feb) + 31 (Mar) = 91 → 2024-04-01
    assert.deepEqual(nextVisitDue(patient(['2024-01-01'])), { label: 'M3', date: '2024-04-01' });
  });

  test('a baseline before the JAKi start still leads to M3', () => {
    assert.deepEqual(nextVisitDue(patient(['2023-12-20'])), { label: 'M3', date: '2024-04-01' });
  });

  test('a visit within 45 days of M3 covers it, so M6 is next', () => {
    // 2024-04-05 is day 95 (|95 − 91| = 4 ≤ 45). M6: +182 days → 2024-07-01
    assert.deepEqual(nextVisitDue(patient(['2024-01-01', '2024-04-05'])), { label: 'M6', date: '2024-07-01' });
    // day 136 (2024-05-16): |136 − 91| = 45, still inside the window
    assert.deepEqual(nextVisitDue(patient(['2024-01-01', '2024-05-16'])), { label: 'M6', date: '2024-07-01' });
  });

  test('a missed time point in the past is not asked for again', () => {
    // only visit after baseline on day 150 (2024-05-30): too far from M3 (59 days), but M3 is in the past;
    // |150 − 182| = 32 covers M6 → M12 on day 365 = 2024-12-31 (2024 has 366 days)
    assert.deepEqual(nextVisitDue(patient(['2024-01-01', '2024-05-30'])), { label: 'M12', date: '2024-12-31' });
  });

  test('a visit between time points that covers none leaves the next one due', () => {
    // day 137 (2024-05-17): 46 days after M3 (outside), 45 before M6 (inside) → M6 covered → M12
    assert.equal(nextVisitDue(patient(['2024-01-01', '2024-05-17']))?.label, 'M12');
    // day 120 (2024-04-30): covers M3 (29 days), not M6 (62 days) → M6
    assert.deepEqual(nextVisitDue(patient(['2024-01-01', '2024-04-30'])), { label: 'M6', date: '2024-07-01' });
  });

  test('after M3, M6 and M12, every six months follows: M18 on day 548, M24 on day 731', () => {
    const visits = ['2024-01-01', '2024-04-01', '2024-07-01', '2024-12-31'];
    // 2024-01-01 + 548 = 2025-01-01 (366) + 182 → 2025-07-02
    assert.deepEqual(nextVisitDue(patient(visits)), { label: 'M18', date: '2025-07-02' });
    // 2024-01-01 + 731 = 2025-01-01 (366) + 365 → 2026-01-01
    assert.deepEqual(nextVisitDue(patient([...visits, '2025-07-02'])), { label: 'M24', date: '2026-01-01' });
  });

  test('visit order does not matter', () => {
    assert.deepEqual(nextVisitDue(patient(['2024-07-01', '2024-01-01', '2024-04-01'])), { label: 'M12', date: '2024-12-31' });
  });

  test('nothing is due without a baseline, after the JAKi stops, after death, or after the follow-up end', () => {
    assert.equal(nextVisitDue(patient([], { hasBaseline: false })), null);
    assert.equal(nextVisitDue(patient(['2024-01-01'], { jakiStopDate: '2024-03-01' })), null);
    assert.equal(nextVisitDue(patient(['2024-01-01'], { deathDate: '2024-03-01' })), null);
    assert.equal(nextVisitDue(patient(['2024-01-01'], { followUpEndDate: '2024-03-01' })), null);
  });

  test("the windows are the report's: a cohort's own windows move the schedule", () => {
    const windows = { m3: { target: 84, from: 60, to: 110 }, m6: { target: 168, from: 140, to: 196 } };
    assert.deepEqual(nextVisitDue(patient(['2024-01-01']), windows), { label: 'M3', date: '2024-03-25' });
    // day 59 is outside this M3 window, so M3 is still due
    assert.equal(nextVisitDue(patient(['2024-01-01', '2024-02-29']), windows)?.label, 'M3');
  });
});

describe('followUpState: a cohort that ends is never overdue', () => {
  const today = '2026-12-02';
  test('deceased and ended patients say so, whatever visit would have been due', () => {
    assert.deepEqual(followUpState(patient(['2024-01-01'], { deathDate: '2024-06-01' }), today), { kind: 'deceased', date: '2024-06-01' });
    assert.deepEqual(followUpState(patient(['2024-01-01'], { followUpEndDate: '2019-06-01' }), today), { kind: 'ended', date: '2019-06-01' });
    // the earlier of the two ends the follow-up
    assert.deepEqual(followUpState(patient(['2024-01-01'], { followUpEndDate: '2024-05-01', deathDate: '2024-06-01' }), today), {
      kind: 'ended',
      date: '2024-05-01',
    });
  });

  test('a followed patient is due, or overdue when the date has passed', () => {
    assert.deepEqual(followUpState(patient(['2024-01-01']), today), { kind: 'due', visit: { label: 'M3', date: '2024-04-01' }, overdue: true });
    assert.deepEqual(followUpState(patient(['2024-01-01']), '2024-04-01'), { kind: 'due', visit: { label: 'M3', date: '2024-04-01' }, overdue: false });
    assert.deepEqual(followUpState(patient([], { hasBaseline: false }), today), { kind: 'no_baseline' });
    assert.deepEqual(followUpState(patient(['2024-01-01'], { jakiStopDate: '2024-03-01' }), today), { kind: 'jaki_stopped', date: '2024-03-01' });
  });

  test('the filters: due, overdue, ended', () => {
    const overdue = followUpState(patient(['2024-01-01']), today);
    const dead = followUpState(patient(['2024-01-01'], { deathDate: '2024-06-01' }), today);
    assert.deepEqual([matchesFilter(overdue, 'overdue'), matchesFilter(overdue, 'due'), matchesFilter(overdue, 'ended')], [true, false, false]);
    assert.deepEqual([matchesFilter(dead, 'overdue'), matchesFilter(dead, 'ended')], [false, true]);
  });
});
