import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, daysBetween, isIsoDate, monthsBetween, timeText, todayIso } from './dates';

describe('isIsoDate', () => {
  test('accepts real calendar dates written YYYY-MM-DD', () => {
    for (const d of ['2024-01-01', '2024-02-29', '2023-12-31', '2000-02-29', '1999-06-30']) assert.equal(isIsoDate(d), true, d);
  });

  test('refuses 29 February outside leap years, including 1900 and 2100', () => {
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('1900-02-29'), false);
    assert.equal(isIsoDate('2100-02-29'), false);
  });

  test('refuses days and months that do not exist', () => {
    for (const d of ['2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32']) assert.equal(isIsoDate(d), false, d);
  });

  test('refuses other spellings of a date', () => {
    for (const d of ['2024-1-05', '24-01-05', '05/01/2024', '2024-01-05T00:00:00Z', ' 2024-01-05', '2024-01-05 ', '', 'today'])
      assert.equal(isIsoDate(d), false, JSON.stringify(d));
  });
});

describe('todayIso', () => {
  test("gives the local calendar date of the moment, zero-padded", () => {
    assert.equal(todayIso(new Date(2024, 0, 5, 0, 0, 1)), '2024-01-05');
    assert.equal(todayIso(new Date(2024, 11, 31, 23, 59, 59)), '2024-12-31');
    assert.equal(todayIso(new Date(2024, 1, 29, 12)), '2024-02-29');
  });

  test('defaults to now, as a valid ISO date', () => {
    const today = todayIso();
    assert.equal(isIsoDate(today), true);
    assert.equal(today, todayIso(new Date()));
  });
});

describe('daysBetween', () => {
  test('counts calendar days, negative when going back', () => {
    assert.equal(daysBetween('2024-01-01', '2024-01-01'), 0);
    assert.equal(daysBetween('2024-01-01', '2024-01-31'), 30);
    assert.equal(daysBetween('2024-01-31', '2024-01-01'), -30);
  });

  test('counts 29 February in leap years only', () => {
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2023-02-28', '2023-03-01'), 1);
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2023-01-01', '2024-01-01'), 365);
  });

  test('is not shifted by daylight-saving changes (Europe, 31 March 2024)', () => {
    assert.equal(daysBetween('2024-03-30', '2024-04-01'), 2);
    assert.equal(daysBetween('2024-10-26', '2024-10-28'), 2);
  });
});

describe('addDays', () => {
  test('moves across month and year ends', () => {
    assert.equal(addDays('2024-01-31', 1), '2024-02-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2023-12-31', 1), '2024-01-01');
  });

  test('goes back with negative days and is the inverse of daysBetween', () => {
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(addDays('2024-01-01', 0), '2024-01-01');
    // 1 Jan 2024 + 91 days: January 31 + February 29 + March 31 = 91 → 1 April
    assert.equal(addDays('2024-01-01', 91), '2024-04-01');
    for (const n of [-400, -1, 0, 1, 45, 182, 731]) assert.equal(daysBetween('2024-01-01', addDays('2024-01-01', n)), n);
  });
});

describe('monthsBetween', () => {
  test('uses the mean Gregorian month (365.25 / 12 days)', () => {
    assert.equal(monthsBetween('2024-01-01', '2024-01-01'), 0);
    // 2024-01-01 → 2025-01-01 is 366 days: 366 / 30.4375 = 12.0246…
    assert.ok(Math.abs(monthsBetween('2024-01-01', '2025-01-01') - 366 / 30.4375) < 1e-12);
  });
});

test('timeText: a moment in UTC to the minute', () => {
  assert.equal(timeText(new Date('2025-03-02T14:05:59.999Z')), '2025-03-02 14:05 UTC');
  assert.equal(timeText('not a time'), 'not a time');
});
