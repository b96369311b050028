import { HALF_WINDOW } from './schedule';

// The patient chart's time axis in months since the JAKi start, marked at the visit schedule
// (lib/cohort/schedule.ts): 0, 3, 6, then every six months; before the start, the same
// points mirrored (a baseline may precede the start).

const WINDOW_MONTHS = HALF_WINDOW / (365.25 / 12);

/** The schedule's months from 0 up to the first one at or beyond `limit`. */
function pointsUpTo(limit: number): number[] {
  const points = [0, 3, 6];
  while (points.at(-1)! < limit) points.push(points.at(-1)! + 6);
  return points.filter((_, i) => i === 0 || points[i - 1]! < limit);
}

/** The schedule point (≥ 0) whose window holds `months`, or else the next one. */
function pointFor(months: number): number {
  return pointsUpTo(months - WINDOW_MONTHS).at(-1)!;
}

export type MonthAxis = { domain: [number, number]; ticks: number[] };

/**
 * The range shown runs between schedule points, from 0 (or the point before it that the
 * first visit belongs to) to the point of the last visit, at least month 6; a visit a few
 * days outside its point widens the range just enough to hold it. Ticks at every schedule
 * point of the range.
 */
export function monthAxis(months: number[]): MonthAxis {
  const first = Math.min(0, ...months);
  const last = Math.max(0, ...months);
  const start = 0 - pointFor(-first);
  const end = Math.max(6, pointFor(last));
  const before = pointsUpTo(-start).filter((p) => p > 0).map((p) => -p).reverse();
  return { domain: [Math.min(start, first), Math.max(end, last)], ticks: [...before, ...pointsUpTo(end)] };
}
