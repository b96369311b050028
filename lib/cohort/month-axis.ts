// The patient chart's time axis in months since the JAKi start, marked at the visit schedule
// (lib/cohort/schedule.ts): 0, 3, 6, then every six months; before the start, the same
// points mirrored (a baseline may precede the start).

/** The schedule's months from 0 up to the first one at or beyond `limit` (≥ 0). */
function pointsUpTo(limit: number): number[] {
  const points = [0, 3, 6];
  while (points.at(-1)! < limit) points.push(points.at(-1)! + 6);
  return points.filter((p, i) => i === 0 || points[i - 1]! < limit);
}

export type MonthAxis = { domain: [number, number]; ticks: number[] };

/**
 * The range shown, from 0 (or the schedule point before the first visit when it precedes the
 * start) to the schedule point at or after the last visit, at least month 6; ticks at every
 * schedule point of it.
 */
export function monthAxis(months: number[]): MonthAxis {
  const before = pointsUpTo(Math.max(0, -Math.min(...months))).filter((p) => p > 0).map((p) => -p).reverse();
  const after = pointsUpTo(Math.max(6, ...months));
  return { domain: [before[0] ?? 0, after.at(-1)!], ticks: [...before, ...after] };
}
