import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CSM_KEYS,
  csmPoints,
  DOI_IMPROVED_PERCENT,
  DOI_WORSENED_PERCENT,
  imacsImprovement,
  imacsResponse,
  percentImprovement,
  recordedCsm,
  totalImprovementScore,
  type CoreSetMeasures,
  type CsmKey,
} from '@/lib/instruments/imacs';

// lib/instruments/imacs.ts scores TIS and DOI in one pass over lists of the measures
// (recordedCsm), for the cohort report's sake; here both are worked out the plain way, each
// in its own loop over the keys, on random visits. (It sits with the report it serves.)

function plain(base: CoreSetMeasures, follow: CoreSetMeasures, mmtMax: number) {
  const present = (m: CoreSetMeasures) => CSM_KEYS.every((k) => m[k] !== null && Number.isFinite(m[k]));
  if (!present(base) || !present(follow)) return { tis: null, doi: null };
  const b = base as Record<CsmKey, number>;
  const f = follow as Record<CsmKey, number>;
  let tis = 0;
  for (const k of CSM_KEYS) tis += csmPoints(k, percentImprovement(k, b[k], f[k], 'tis', { mmtMax }));
  let improved = 0;
  const worsened: CsmKey[] = [];
  for (const k of CSM_KEYS) {
    const p = percentImprovement(k, b[k], f[k], 'relative', { mmtMax });
    if (p >= DOI_IMPROVED_PERCENT) improved++;
    if (p <= -DOI_WORSENED_PERCENT) worsened.push(k);
  }
  return { tis, doi: improved >= 3 && worsened.length <= 2 && !worsened.includes('mmt') };
}

test('recordedCsm lists the measures in CSM_KEYS order, or null when one is not recorded', () => {
  const m: CoreSetMeasures = { physicianGlobal: 1, patientGlobal: 2, mmt: 3, haq: 4, enzyme: 5, extramuscularGlobal: 6 };
  assert.deepEqual(recordedCsm(m), CSM_KEYS.map((k) => m[k]));
  for (const k of CSM_KEYS) {
    for (const missing of [null, NaN, Infinity]) assert.equal(recordedCsm({ ...m, [k]: missing }), null, `${k} ${missing}`);
  }
});

test('imacsResponse agrees with TIS and DOI summed the plain way on random visits', () => {
  let seed = 3;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const value = (max: number, step: number) => (rnd() < 0.03 ? null : rnd() < 0.05 ? 0 : Math.round((rnd() * max) / step) * step);
  const visit = (): CoreSetMeasures => ({
    physicianGlobal: value(10, 0.5),
    patientGlobal: value(10, 0.5),
    mmt: value(150, 1),
    haq: value(3, 0.125),
    enzyme: value(3000, 1),
    extramuscularGlobal: value(10, 0.5),
  });
  for (let i = 0; i < 5000; i++) {
    const base = visit();
    const follow = visit();
    const mmtMax = i % 2 ? 150 : 80;
    const expected = plain(base, follow, mmtMax);
    assert.deepEqual(imacsResponse(base, follow, { mmtMax }), expected, `pair ${i}`);
    assert.equal(totalImprovementScore(base, follow, { mmtMax }), expected.tis);
    assert.equal(imacsImprovement(base, follow, { mmtMax }), expected.doi);
  }
});
