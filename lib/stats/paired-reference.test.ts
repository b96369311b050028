import { test } from 'node:test';
import assert from 'node:assert/strict';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { wilcoxonSignedRank } from './paired';

// wilcoxonSignedRank ranks |d| by sorting once and walking out from zero (fast on thousands of
// pairs). Here V and the tie groups are worked out the plain way, by ranking each difference
// as R's rank(ties.method = "average") does, and the two must agree exactly on random samples.

function plainSignedRank(x: number[], y: number[]) {
  const d = x.map((xi, i) => xi - y[i]!).filter((v) => v !== 0);
  const abs = d.map(Math.abs);
  const order = abs.map((_, i) => i).sort((a, b) => abs[a]! - abs[b]!);
  const ranks = new Array<number>(d.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && abs[order[j + 1]!] === abs[order[i]!]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]!] = (i + j + 2) / 2;
    tieSizes.push(j - i + 1);
    i = j + 1;
  }
  let v = 0;
  for (let i = 0; i < d.length; i++) if (d[i]! > 0) v += ranks[i]!;
  return { n: d.length, v, ties: tieSizes.length < d.length, tieSum: tieSizes.reduce((s, t) => s + t * t * t - t, 0) };
}

/** mulberry32, seeded so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('V, n and the P method agree with plain average ranking on random samples', () => {
  const rnd = random(7);
  // Small integers (many ties and zeros), halves, and continuous values (no ties); sizes on
  // both sides of 50, where the exact distribution gives way to the normal approximation.
  const kinds: ((rnd: () => number) => number)[] = [
    (r) => Math.floor(r() * 7) - 3,
    (r) => Math.round(r() * 20) / 2,
    (r) => r() * 100 - 50,
  ];
  for (let round = 0; round < 300; round++) {
    const draw = kinds[round % kinds.length]!;
    const n = Math.floor(rnd() * 120);
    const x = Array.from({ length: n }, () => draw(rnd));
    const y = Array.from({ length: n }, () => draw(rnd));
    const plain = plainSignedRank(x, y);
    const w = wilcoxonSignedRank(x, y);
    const what = `round ${round}, n ${n}`;
    assert.equal(w.n, plain.n, `${what}: n`);
    assert.equal(w.statistic, plain.v, `${what}: V`);
    const exact = plain.n > 0 && plain.n < 50 && !plain.ties && plain.n === x.length;
    assert.equal(w.method, plain.n === 0 ? null : exact ? 'exact' : 'normal', `${what}: method`);
    if (w.method === 'normal') {
      // The normal approximation from the plain V and tie groups (the formula of paired.ts).
      const centred = plain.v - (plain.n * (plain.n + 1)) / 4;
      const sigma = Math.sqrt((plain.n * (plain.n + 1) * (2 * plain.n + 1)) / 24 - plain.tieSum / 48);
      const z = (centred - Math.sign(centred) * 0.5) / sigma;
      assert.equal(w.p, Math.min(2 * normalCdf(-Math.abs(z), 0, 1), 1), `${what}: P`);
    }
  }
});
