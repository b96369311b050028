// Day arithmetic on ISO dates without Date.parse. The report needs the day of every visit
// (55,000 in a large cohort), and lib/dates' daysBetween builds two strings and parses
// them each time, which was one of the largest costs of buildReport.

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The digit at position i of s, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Exactly `Date.parse(`${date}T00:00:00Z`)`, the value lib/dates' daysBetween works on, but
 * read straight from the digits of a YYYY-MM-DD string. Like Date.parse, a day 29–31 past the
 * month's end runs on into the next month (2024-02-30 is 2024-03-01). Anything else unusual
 * (other lengths, month 0 or 13, day 0 or 32) goes to Date.parse itself.
 */
export function isoDateMs(date: string): number {
  if (typeof date === 'string' && date.length === 10 && date[4] === '-' && date[7] === '-') {
    const y0 = digit(date, 0), y1 = digit(date, 1), y2 = digit(date, 2), y3 = digit(date, 3);
    const m0 = digit(date, 5), m1 = digit(date, 6), d0 = digit(date, 8), d1 = digit(date, 9);
    if (Math.min(y0, y1, y2, y3, m0, m1, d0, d1) >= 0) {
      const m = m0 * 10 + m1;
      const d = d0 * 10 + d1;
      if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        return daysFromCivil(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m, d) * MS_PER_DAY;
      }
    }
  }
  return Date.parse(`${date}T00:00:00Z`);
}

/** lib/dates' daysBetween(from, to), given both dates as isoDateMs values. */
export function daysBetweenMs(fromMs: number, toMs: number): number {
  return Math.round((toMs - fromMs) / MS_PER_DAY);
}
