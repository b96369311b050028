// Time points of the trajectory report (docs/report.md): day 0 is the JAKi start; m3 and m6
// are the follow-up visits closest to their target day within their windows; final is the
// last follow-up visit from day `finalMinDay` (46, the first day of the month-3 window).

import { MMT8_MAX } from '@/lib/instruments/mmt8';
import { daysBetweenMs, isoDateMs } from './iso-days';

/** A window in days from the JAKi start, both ends included. */
export type DayWindow = { target: number; from: number; to: number };

/** The test whose P the report's table prints; the other is in the JSON, the CSV and on hover. */
export type PrimaryTest = 'wilcoxon' | 'ttest';

export type ReportSettings = {
  windows: { m3: DayWindow; m6: DayWindow };
  /** CDASI activity fall from baseline (points, inclusive) that makes a responder. */
  responderDrop: number;
  /** Prednisone mg/day: above it at baseline counts, at or below it at final is tapered. */
  taperThreshold: number;
  /** Maximum of the cohort's MMT8 scale (150 bilateral, 80 unilateral), for the TIS. */
  mmt8Max: number;
  /** The first day a follow-up visit can be the final one: an earlier visit shows no treatment effect yet. */
  finalMinDay: number;
  /** Days after the JAKi stop during which an adverse event is still treatment-emergent. */
  aeWindowAfterStopDays: number;
  primaryTest: PrimaryTest;
  /** Decimals of every mean ± SD the page and the PDF print (0–3); the JSON and the CSV stay unrounded. */
  decimals: number;
};

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  windows: {
    m3: { target: 91, from: 46, to: 136 },
    m6: { target: 182, from: 137, to: 227 },
  },
  responderDrop: 5,
  taperThreshold: 5,
  mmt8Max: MMT8_MAX,
  finalMinDay: 46,
  aeWindowAfterStopDays: 30,
  primaryTest: 'wilcoxon',
  decimals: 1,
};

export const FOLLOW_UP_POINTS = ['m3', 'm6', 'final'] as const;
export type FollowUpPoint = (typeof FOLLOW_UP_POINTS)[number];

/** A selected visit and its day from the JAKi start. */
export type DatedVisit<V> = { visit: V; day: number };

export type PatientTimePoints<V> = {
  baseline: DatedVisit<V> | null;
  m3: DatedVisit<V> | null;
  m6: DatedVisit<V> | null;
  final: DatedVisit<V> | null;
};

type VisitLike = { visitDate: string; visitType: 'baseline' | 'follow_up' };

/**
 * The follow-up visit closest to the window's target day, within the window (ends included);
 * on a tie the earlier visit. `followUps` must be in date order. Null when none falls inside.
 */
export function closestInWindow<V>(followUps: readonly DatedVisit<V>[], window: DayWindow): DatedVisit<V> | null {
  let best: DatedVisit<V> | null = null;
  for (const v of followUps) {
    if (v.day < window.from || v.day > window.to) continue;
    // Strictly closer only: an equally close later visit never replaces the earlier one.
    if (best === null || Math.abs(v.day - window.target) < Math.abs(best.day - window.target)) best = v;
  }
  return best;
}

/**
 * Sorts a patient's visits by date, in place; stable, so visits on one date keep their input
 * order. An insertion sort: a patient has a handful of visits, usually in order already, and
 * Array.prototype.sort allocates working storage on every call, which for ten thousand
 * patients made a good part of the report's garbage.
 */
function sortByDate<V extends VisitLike>(dated: DatedVisit<V>[]): void {
  for (let i = 1; i < dated.length; i++) {
    const v = dated[i]!;
    let j = i;
    while (j > 0 && dated[j - 1]!.visit.visitDate > v.visit.visitDate) {
      dated[j] = dated[j - 1]!;
      j--;
    }
    dated[j] = v;
  }
}

/**
 * Baseline, m3, m6 and final visits of one patient. The baseline is the patient's baseline
 * visit (the earliest, should there be more than one); m3/m6 come from the windows; final is
 * the last follow-up visit by date on or after `finalMinDay` (the same visit as m3 or m6 when
 * that is the last one); none when every follow-up is earlier.
 */
export function selectTimePoints<V extends VisitLike>(
  jakiStartDate: string,
  visits: readonly V[],
  { windows, finalMinDay }: Pick<ReportSettings, 'windows' | 'finalMinDay'> = DEFAULT_REPORT_SETTINGS,
): PatientTimePoints<V> {
  const startMs = isoDateMs(jakiStartDate);
  const dated = visits.map((visit) => ({ visit, day: daysBetweenMs(startMs, isoDateMs(visit.visitDate)) }));
  sortByDate(dated);
  let baseline: DatedVisit<V> | null = null;
  const followUps: DatedVisit<V>[] = [];
  for (const v of dated) {
    if (v.visit.visitType === 'baseline') baseline ??= v;
    else if (v.visit.visitType === 'follow_up') followUps.push(v);
  }
  return {
    baseline,
    m3: closestInWindow(followUps, windows.m3),
    m6: closestInWindow(followUps, windows.m6),
    final: followUps.length && followUps.at(-1)!.day >= finalMinDay ? followUps.at(-1)! : null,
  };
}
