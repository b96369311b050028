import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, daysBetween } from '@/lib/dates';
import { daysBetweenMs, isoDateMs } from './iso-days';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const parse = (date: string) => Date.parse(`${date}T00:00:00Z`);

describe('isoDateMs is Date.parse of the date at midnight UTC', () => {
  test('every month 00–13 and day 00–32 of years around the cohort dates, leap years included', () => {
    for (const year of [0, 1, 99, 100, 400, 1600, 1899, 1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          assert.ok(Object.is(isoDateMs(date), parse(date)), date);
        }
      }
    }
  });

  test('other strings go to Date.parse', () => {
    for (const date of ['', '2024', '2024-1-01', '2024/01/01', '2024-01-0a', '+02024-01-01', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00']) {
      assert.ok(Object.is(isoDateMs(date), parse(date)), JSON.stringify(date));
    }
  });
});

test('daysBetweenMs agrees with daysBetween over two centuries', () => {
  const from = '2024-01-01';
  for (let days = -36_500; days <= 36_500; days += 7) {
    const to = addDays(from, days);
    assert.equal(daysBetweenMs(isoDateMs(from), isoDateMs(to)), daysBetween(from, to), to);
    assert.equal(daysBetweenMs(isoDateMs(to), isoDateMs(from)), daysBetween(to, from), to);
  }
});
