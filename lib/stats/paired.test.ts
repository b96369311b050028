import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pairedTTest, wilcoxonSignedRank } from './paired';

type RCase = {
  name: string;
  x: number[];
  y: number[];
  wilcoxon_v: number;
  wilcoxon_p: number | null;
  ttest_t: number | null;
  ttest_df: number | null;
  ttest_p: number | null;
};

// Copy of /work/shared/fixtures/paired-tests-r.json: R's own wilcox.test and t.test results.
const cases: RCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/paired-tests-r.json', import.meta.url), 'utf8'),
);

/** Relative error within 1e-9 (absolute when R's value is 0); null must match null. */
function assertClose(actual: number | null, expected: number | null, what: string) {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, what);
    return;
  }
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= 1e-9, `${what}: got ${actual}, R gives ${expected}`);
}

for (const c of cases) {
  test(`reproduces R's wilcox.test and t.test for ${c.name}`, () => {
    const w = wilcoxonSignedRank(c.x, c.y);
    assert.equal(w.statistic, c.wilcoxon_v, 'V');
    assertClose(w.p, c.wilcoxon_p, 'Wilcoxon P');
    const t = pairedTTest(c.x, c.y);
    assertClose(t.t, c.ttest_t, 't');
    assert.equal(t.df, c.ttest_df, 'df');
    assertClose(t.p, c.ttest_p, 't-test P');
  });
}

test('throws when the paired samples differ in length', () => {
  assert.throws(() => wilcoxonSignedRank([1, 2], [1]), RangeError);
  assert.throws(() => pairedTTest([1], [1, 2]), RangeError);
});

test('throws on a value that is not a finite number', () => {
  assert.throws(() => wilcoxonSignedRank([1, NaN], [1, 2]), RangeError);
  assert.throws(() => pairedTTest([1, 2], [Infinity, 2]), RangeError);
});

test('no pairs gives no P from either test', () => {
  assert.deepEqual(wilcoxonSignedRank([], []), { n: 0, statistic: 0, p: null, method: null });
  assert.deepEqual(pairedTTest([], []), { n: 0, meanDifference: null, t: null, df: null, p: null });
});

test('all differences zero gives a null Wilcoxon P, never NaN', () => {
  const w = wilcoxonSignedRank([4, 8, 8, 1], [4, 8, 8, 1]);
  assert.deepEqual(w, { n: 0, statistic: 0, p: null, method: null });
});

test('all differences zero: t-test keeps df as R does but gives no t or P', () => {
  assert.deepEqual(pairedTTest([4, 8, 1], [4, 8, 1]), { n: 3, meanDifference: 0, t: null, df: 2, p: null });
});

test('equal non-zero differences give no t-test result, as R stops on constant data', () => {
  assert.deepEqual(pairedTTest([5, 9, 13], [2, 6, 10]), { n: 3, meanDifference: 3, t: null, df: null, p: null });
});

test('a zero difference is dropped and forces the normal approximation', () => {
  // d = 0, -2, 3, -5: n = 3, ranks 1, 2, 3, V = 2; z = (2 - 3 + 0.5) / sqrt(3.5).
  const w = wilcoxonSignedRank([5, 4, 9, 2], [5, 6, 6, 7]);
  assert.equal(w.n, 3);
  assert.equal(w.statistic, 2);
  assert.equal(w.method, 'normal');
  assertClose(w.p, 0.7892680261342813, 'P'); // 2 * pnorm(-0.5 / sqrt(3.5))
});

test('tied absolute differences use average ranks and the tie-corrected normal approximation', () => {
  // d = -1, -2, 2, -4, -5: ranks 1, 2.5, 2.5, 4, 5; sigma^2 = 13.75 - 6/48.
  const w = wilcoxonSignedRank([1, 2, 3, 4, 5], [2, 4, 1, 8, 10]);
  assert.equal(w.statistic, 2.5);
  assert.equal(w.method, 'normal');
  assertClose(w.p, 0.2228009911811345, 'P'); // 2 * pnorm(-4.5 / sqrt(13.625))
});

test('differences equal only on paper are not ties, as R compares the doubles x - y', () => {
  // 0.3 - 0.2 = 0.09999999999999998 but 1.1 - 1.0 = 0.10000000000000009.
  const w = wilcoxonSignedRank([0.3, 1.1, 5], [0.2, 1.0, 2]);
  assert.equal(w.method, 'exact');
  assert.equal(w.statistic, 6);
  assertClose(w.p, 0.25, 'P');
});

test('exact P is symmetric when x and y swap', () => {
  const x = [25, 19, 24, 17, 21, 19, 23];
  const y = [36, 22, 41, 16, 29, 33, 25];
  const a = wilcoxonSignedRank(x, y);
  const b = wilcoxonSignedRank(y, x);
  assert.equal(a.method, 'exact');
  assert.equal(a.statistic + b.statistic, (7 * 8) / 2);
  assertClose(b.p, a.p, 'P');
});

test('a tiny exact upper-tail P keeps its relative precision at n = 49', () => {
  // Ranks 1..49 with only rank 5 negative: V = 1220; P(V >= 1220) = 10 / 2^49.
  const d = Array.from({ length: 49 }, (_, i) => (i + 1 === 5 ? -5 : i + 1));
  const w = wilcoxonSignedRank(d, d.map(() => 0));
  assert.equal(w.method, 'exact');
  assert.equal(w.statistic, 1220);
  assertClose(w.p, 20 / 2 ** 49, 'P');
});

test('n of 50 or more uses the normal approximation even without ties', () => {
  const d = Array.from({ length: 50 }, (_, i) => i + 1);
  const w = wilcoxonSignedRank(d, d.map(() => 0));
  assert.equal(w.method, 'normal');
  assert.equal(w.statistic, 1275);
  // 2 * pnorm(-(637.5 - 0.5) / sqrt(50 * 51 * 101 / 24))
  assertClose(w.p, 7.790492207218425e-10, 'P');
});

test('paired t-test sign follows x - y and P does not', () => {
  const x = [3, 8, 6, 9];
  const y = [10, 7, 9, 12];
  const a = pairedTTest(x, y);
  const b = pairedTTest(y, x);
  assert.equal(a.n, 4);
  assert.equal(a.df, 3);
  assert.ok((a.t as number) < 0);
  assert.equal(b.t, -(a.t as number));
  assert.equal(b.p, a.p);
});
