// Descriptive statistics as R computes them (mean, sd with n - 1).
//
// Indexed loops, not for...of: the cohort report calls these on arrays of thousands, from
// call sites with different array kinds, and there V8 left the iterators unoptimised, each
// step allocating a result object (tens of MB of garbage per report).

/** Arithmetic mean; null for an empty sample. */
export function mean(values: readonly number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i] as number;
  s /= n;
  // R refines its mean with a second pass over the residuals; do the same.
  if (Number.isFinite(s)) {
    let t = 0;
    for (let i = 0; i < n; i++) t += (values[i] as number) - s;
    s += t / n;
  }
  return s;
}

/** Sample standard deviation (denominator n - 1); null when n < 2. */
export function sd(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = mean(values) as number;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    ss += (v - m) * (v - m);
  }
  return Math.sqrt(ss / (n - 1));
}
