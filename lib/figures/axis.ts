// Round axis ticks: steps of 1, 2, 2.5 or 5 times a power of ten, so that an axis over an
// instrument's range reads 0, 25, 50 … 150 rather than the 153.86… a plotting library picked.

const MANTISSAS = [1, 2, 2.5, 5];

/** A tick value without the float residue of adding steps (0.1 + 0.2). */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/**
 * Ticks from `from` to `to`, about `target` intervals (3 to 8). With `exact` the last tick is
 * `to` itself (an instrument's maximum: the step must divide the range); otherwise the last
 * tick is the first round value at or above `to`. An exact range that no round step divides
 * is treated as not exact.
 */
export function niceTicks(from: number, to: number, { exact = false, target = 5 }: { exact?: boolean; target?: number } = {}): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`axis ends must be finite numbers, not ${from} and ${to}`);
  const span = to > from ? to - from : 1;
  const magnitude = Math.floor(Math.log10(span));
  let best: { step: number; count: number } | null = null;
  for (let e = magnitude - 2; e <= magnitude; e++) {
    for (const m of MANTISSAS) {
      const step = m * 10 ** e;
      const ratio = span / step;
      const count = exact ? Math.round(ratio) : Math.ceil(ratio - 1e-9);
      if (exact && Math.abs(ratio - count) > 1e-9) continue;
      if (count < 3 || count > 8) continue;
      if (best === null || Math.abs(count - target) < Math.abs(best.count - target)) best = { step, count };
    }
  }
  if (best === null) return niceTicks(from, to, { target });
  const { step, count } = best;
  return Array.from({ length: count + 1 }, (_, i) => clean(from + i * step));
}

/**
 * Month ticks for a time axis from 0: every 6, 12, 24, 36 or 48 months (or more, in years),
 * whichever gives at most 8 intervals, up to the first tick at or past `months`.
 */
export function monthTicks(months: number): number[] {
  if (!Number.isFinite(months) || months < 0) throw new RangeError(`months must be a finite number of 0 or more, not ${months}`);
  let step = [6, 12, 24, 36, 48].find((s) => months / s <= 8);
  if (step === undefined) step = 12 * Math.ceil(months / 8 / 12);
  const count = Math.max(1, Math.ceil(months / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
