// IMACS core set measures (CSM), the 2016 ACR/EULAR Total Improvement Score (TIS) and the
// IMACS definition of improvement (DOI), after docs/domain.md.
//
// The "most abnormal muscle enzyme at entry" is creatine kinase here: it is the only enzyme the
// app records. Juvenile thresholds (30/45/70) exist but the app's patients are adults.

import { MMT8_MAX } from './mmt8';

export const CSM_KEYS = ['physicianGlobal', 'patientGlobal', 'mmt', 'haq', 'enzyme', 'extramuscularGlobal'] as const;
export type CsmKey = (typeof CSM_KEYS)[number];

/** The six core set measures at one visit; null when not recorded. */
export type CoreSetMeasures = Record<CsmKey, number | null>;

export type ImacsOptions = {
  /** Maximum of the MMT scale: 150 for the bilateral MMT8, 80 for the unilateral one. */
  mmtMax: number;
};

export const DEFAULT_IMACS_OPTIONS: ImacsOptions = { mmtMax: MMT8_MAX };

/** Range of each bounded scale; the enzyme has none (its change is relative to baseline). */
function scaleRange(csm: CsmKey, options: ImacsOptions): number | null {
  switch (csm) {
    case 'physicianGlobal':
    case 'patientGlobal':
    case 'extramuscularGlobal':
      return 10; // VAS 0–10
    case 'haq':
      return 3; // HAQ disability index 0–3
    case 'mmt':
      return options.mmtMax;
    case 'enzyme':
      return null;
  }
}

/** MMT improves upwards; the globals, HAQ and the enzyme improve downwards. */
function higherIsBetter(csm: CsmKey): boolean {
  return csm === 'mmt';
}

/**
 * Percent change of one CSM in its direction of improvement: positive is better, negative is
 * worse. The single place where percent change is computed.
 *
 * - basis 'tis' (2016 ACR/EULAR criteria): a bounded scale's change over the scale's range
 *   (VAS 10, HAQ 3, MMT its maximum); the enzyme's change relative to its baseline value.
 * - basis 'relative' (IMACS DOI): every measure's change relative to its baseline value.
 *
 * A change from a baseline of 0 relative to that baseline is ±Infinity (the limit), so a
 * lower-is-better measure starting at 0 cannot improve and any rise is a worsening beyond
 * every threshold. The result is rounded to 1e-9 percentage points, so decimal inputs such as
 * a HAQ change of 0.45 (15% of 3) land on the band edge they mean on paper rather than a
 * floating-point hair above it.
 */
export function percentImprovement(
  csm: CsmKey,
  baseline: number,
  followUp: number,
  basis: 'tis' | 'relative',
  options: ImacsOptions = DEFAULT_IMACS_OPTIONS,
): number {
  const change = higherIsBetter(csm) ? followUp - baseline : baseline - followUp;
  const denominator = basis === 'tis' ? (scaleRange(csm, options) ?? Math.abs(baseline)) : Math.abs(baseline);
  if (change === 0) return 0;
  if (denominator === 0) return change > 0 ? Infinity : -Infinity;
  return Math.round(((change * 100) / denominator) * 1e9) / 1e9;
}

/** Upper edges (inclusive) of the bands ≤a, >a–b, >b–c, >c–d, and the points of each band, the last band open. */
type Bands = { edges: [number, number, number, number]; points: [number, number, number, number, number] };

const COMMON_EDGES: Bands['edges'] = [5, 15, 25, 40];

/** Points by absolute percent change (2016 ACR/EULAR criteria, adult and juvenile alike). */
export const TIS_BANDS: Record<CsmKey, Bands> = {
  physicianGlobal: { edges: COMMON_EDGES, points: [0, 7.5, 15, 17.5, 20] },
  patientGlobal: { edges: COMMON_EDGES, points: [0, 2.5, 5, 7.5, 10] },
  haq: { edges: COMMON_EDGES, points: [0, 5, 7.5, 7.5, 10] },
  enzyme: { edges: COMMON_EDGES, points: [0, 2.5, 5, 7.5, 7.5] },
  extramuscularGlobal: { edges: COMMON_EDGES, points: [0, 7.5, 12.5, 15, 20] },
  mmt: { edges: [2, 10, 20, 30], points: [0, 10, 20, 27.5, 32.5] },
};

/** TIS points for one CSM given its percent improvement (worsening, or ≤ the first edge, scores 0). */
export function csmPoints(csm: CsmKey, improvementPercent: number): number {
  const { edges, points } = TIS_BANDS[csm];
  let band = 0;
  while (band < edges.length && improvementPercent > edges[band]!) band++;
  return points[band]!;
}

export type TisCategory = 'none' | 'minimal' | 'moderate' | 'major';

/** Adult thresholds of the 2016 criteria: minimal ≥ 20, moderate ≥ 40, major ≥ 60. */
export const ADULT_TIS_THRESHOLDS = { minimal: 20, moderate: 40, major: 60 } as const;

export function tisCategory(
  tis: number,
  thresholds: { minimal: number; moderate: number; major: number } = ADULT_TIS_THRESHOLDS,
): TisCategory {
  if (tis >= thresholds.major) return 'major';
  if (tis >= thresholds.moderate) return 'moderate';
  if (tis >= thresholds.minimal) return 'minimal';
  return 'none';
}

/** DOI thresholds: improvement ≥ 20% and worsening ≥ 25%, both relative to baseline. */
export const DOI_IMPROVED_PERCENT = 20;
export const DOI_WORSENED_PERCENT = 25;

/**
 * The six measures in CSM_KEYS order when all are recorded (finite), else null: the input
 * of imacsResponseOf. A caller scoring one baseline against several follow-ups reads the
 * baseline once.
 */
export function recordedCsm(m: CoreSetMeasures): number[] | null {
  // Read by name (in CSM_KEYS order), not m[key]: a computed key costs a slow generic look-up.
  const values = [m.physicianGlobal, m.patientGlobal, m.mmt, m.haq, m.enzyme, m.extramuscularGlobal];
  for (const v of values) if (v === null || !Number.isFinite(v)) return null;
  return values as number[];
}

export type ImacsResponse = { tis: number | null; doi: boolean | null };

/**
 * The response from baseline to follow-up; both parts need all six CSM recorded at both
 * visits and are null when any is missing.
 *
 * - tis: the 2016 ACR/EULAR Total Improvement Score, 0–100.
 * - doi: the IMACS definition of improvement: at least 3 of the 6 CSM improved by ≥ 20%, no
 *   more than 2 worsened by ≥ 25%, and MMT not among the worsened; all changes relative to
 *   baseline.
 */
export function imacsResponse(
  baseline: CoreSetMeasures,
  followUp: CoreSetMeasures,
  options: ImacsOptions = DEFAULT_IMACS_OPTIONS,
): ImacsResponse {
  return imacsResponseOf(recordedCsm(baseline), recordedCsm(followUp), options);
}

/**
 * imacsResponse on measures already read by recordedCsm. One pass gives both TIS and DOI,
 * on lists rather than looking each measure up by key again and again: the cohort report
 * scores tens of thousands of visit pairs, and those look-ups were a good part of the cost.
 */
export function imacsResponseOf(
  from: readonly number[] | null,
  to: readonly number[] | null,
  options: ImacsOptions = DEFAULT_IMACS_OPTIONS,
): ImacsResponse {
  if (from === null || to === null) return { tis: null, doi: null };
  let tis = 0;
  let improved = 0;
  let worsened = 0;
  let mmtWorsened = false;
  for (let i = 0; i < CSM_KEYS.length; i++) {
    const k = CSM_KEYS[i]!;
    tis += csmPoints(k, percentImprovement(k, from[i]!, to[i]!, 'tis', options));
    const relative = percentImprovement(k, from[i]!, to[i]!, 'relative', options);
    if (relative >= DOI_IMPROVED_PERCENT) improved++;
    if (relative <= -DOI_WORSENED_PERCENT) {
      worsened++;
      if (k === 'mmt') mmtWorsened = true;
    }
  }
  return { tis, doi: improved >= 3 && worsened <= 2 && !mmtWorsened };
}

/** The TIS of imacsResponse: null unless all six CSM are recorded at both visits. */
export function totalImprovementScore(
  baseline: CoreSetMeasures,
  followUp: CoreSetMeasures,
  options: ImacsOptions = DEFAULT_IMACS_OPTIONS,
): number | null {
  return imacsResponse(baseline, followUp, options).tis;
}

/** The DOI of imacsResponse: null unless all six CSM are recorded at both visits. */
export function imacsImprovement(
  baseline: CoreSetMeasures,
  followUp: CoreSetMeasures,
  options: ImacsOptions = DEFAULT_IMACS_OPTIONS,
): boolean | null {
  return imacsResponse(baseline, followUp, options).doi;
}
