// Two-sided paired tests reproducing R's wilcox.test and t.test (paired = TRUE).
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { mean, sd } from './describe';

export type WilcoxonResult = {
  /** Pairs used: those with a non-zero difference. */
  n: number;
  /** R's V: sum of the ranks of the positive differences. */
  statistic: number;
  /** Two-sided P; null when no pair has a non-zero difference. */
  p: number | null;
  /** Which null distribution gave P. */
  method: 'exact' | 'normal' | null;
};

export type TTestResult = {
  /** Pairs used. */
  n: number;
  meanDifference: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
};

function differences(x: readonly number[], y: readonly number[]): number[] {
  if (x.length !== y.length) {
    throw new RangeError(`paired samples differ in length: ${x.length} vs ${y.length}`);
  }
  return x.map((xi, i) => {
    const yi = y[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      throw new RangeError(`pair ${i} is not a finite number`);
    }
    return xi - yi;
  });
}

/**
 * Over the non-zero differences d (R drops the zeros): their number n, R's V (the sum of the
 * average ranks, ties.method = "average", of |d| over the positive d) and the sizes of the
 * tie groups of |d|.
 *
 * Rather than sort indices with a comparator, slow on a cohort report's thousands of pairs,
 * d is sorted once as a typed array (a native numeric sort). The negatives then lie before the zeros and the positives, |d| falling
 * towards zero; walking outwards from the zeros on both sides meets |d| in rising order, tie
 * group by tie group, with each group's positives counted. A rank is half an integer, so V
 * is the same exact sum in any order.
 */
function signedRankSum(d: readonly number[]): { n: number; v: number; tieSizes: number[] } {
  const sorted = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) sorted[i] = d[i] as number;
  sorted.sort();
  let pos = 0;
  while (pos < sorted.length && (sorted[pos] as number) < 0) pos++;
  let neg = pos - 1;
  while (pos < sorted.length && sorted[pos] === 0) pos++;
  const n = neg + 1 + sorted.length - pos;
  const tieSizes: number[] = [];
  let v = 0;
  let ranked = 0;
  while (neg >= 0 || pos < sorted.length) {
    // The smaller |d| of the next negative and the next positive; exact double comparison,
    // as R ranks the doubles x - y without rounding.
    const a = Math.min(neg >= 0 ? -(sorted[neg] as number) : Infinity, pos < sorted.length ? (sorted[pos] as number) : Infinity);
    let size = 0;
    while (neg >= 0 && -(sorted[neg] as number) === a) {
      neg--;
      size++;
    }
    let positives = 0;
    while (pos < sorted.length && sorted[pos] === a) {
      pos++;
      positives++;
    }
    size += positives;
    // Ranks ranked + 1 … ranked + size; their average.
    v += ((2 * ranked + size + 1) / 2) * positives;
    tieSizes.push(size);
    ranked += size;
  }
  return { n, v, tieSizes };
}

/** Counts of subsets of {1..n} by their sum: the exact signed-rank null distribution. */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const w = new Float64Array(max + 1);
  w[0] = 1;
  for (let j = 1; j <= n; j++) {
    for (let k = (j * (j + 1)) / 2; k >= j; k--) w[k] = (w[k] as number) + (w[k - j] as number);
  }
  return w;
}

/**
 * R's psignrank. Sums the smaller tail directly (not 1 - cdf) so tiny upper-tail
 * P values keep their relative precision; stdlib's signrank cdf sums only the lower tail.
 */
function psignrank(q: number, n: number, lowerTail: boolean): number {
  let x = Math.round(q + 1e-7);
  const max = (n * (n + 1)) / 2;
  if (x < 0) return lowerTail ? 0 : 1;
  if (x >= max) return lowerTail ? 1 : 0;
  const w = signedRankCounts(n);
  const f = Math.exp(-n * Math.LN2);
  let p = 0;
  let lower = lowerTail;
  if (x <= max / 2) {
    for (let i = 0; i <= x; i++) p += (w[i] as number) * f;
  } else {
    x = max - x;
    for (let i = 0; i < x; i++) p += (w[i] as number) * f;
    lower = !lower;
  }
  return lower ? p : 0.5 - p + 0.5;
}

/** Wilcoxon signed-rank test, two-sided, as R's wilcox.test(x, y, paired = TRUE). */
export function wilcoxonSignedRank(x: readonly number[], y: readonly number[]): WilcoxonResult {
  const { n, v, tieSizes } = signedRankSum(differences(x, y));
  const zeros = n < x.length;
  if (n === 0) return { n, statistic: v, p: null, method: null };

  const ties = tieSizes.length < n;
  if (n < 50 && !ties && !zeros) {
    const p = v > (n * (n + 1)) / 4 ? psignrank(v - 1, n, false) : psignrank(v, n, true);
    return { n, statistic: v, p: Math.min(2 * p, 1), method: 'exact' };
  }

  const centred = v - (n * (n + 1)) / 4;
  let tieSum = 0;
  for (const t of tieSizes) tieSum += t * t * t - t;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48);
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  // 2 * min(pnorm(z), pnorm(z, lower.tail = FALSE)); the lower tail at -|z| is the accurate one.
  const p = Math.min(2 * normalCdf(-Math.abs(z), 0, 1), 1);
  return { n, statistic: v, p, method: 'normal' };
}

/** Paired t-test, two-sided, as R's t.test(x, y, paired = TRUE). */
export function pairedTTest(x: readonly number[], y: readonly number[]): TTestResult {
  const d = differences(x, y);
  const n = d.length;
  const m = mean(d);
  const s = sd(d);
  // R stops with "not enough 'x' observations".
  if (m === null || s === null) return { n, meanDifference: m, t: null, df: null, p: null };
  const df = n - 1;
  const stderr = s / Math.sqrt(n);
  // R stops with "data are essentially constant" here.
  if (stderr < 10 * Number.EPSILON * Math.abs(m)) {
    return { n, meanDifference: m, t: null, df: null, p: null };
  }
  // All differences zero: R returns t and P as NaN but still reports df.
  if (stderr === 0) return { n, meanDifference: m, t: null, df, p: null };
  const t = m / stderr;
  return { n, meanDifference: m, t, df, p: 2 * tCdf(-Math.abs(t), df) };
}
