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

/** Whether `day` is inside the window (both ends included). */
function inWindow(day: number, window: DayWindow): boolean {
  return day >= window.from && day <= window.to;
}

/** Whether a visit on `day`/`date` beats the best so far in the window: strictly closer to the target, or as close and earlier. */
function closer(day: number, date: string, bestDay: number, bestDate: string, target: number): boolean {
  const distance = Math.abs(day - target);
  const bestDistance = Math.abs(bestDay - target);
  return distance < bestDistance || (distance === bestDistance && date < bestDate);
}

/**
 * Baseline, m3, m6 and final visits of one patient. The baseline is the patient's baseline
 * visit (the earliest, should there be more than one); m3/m6 are the follow-up visits closest
 * to their target within their windows, a tie going to the earlier visit; final is the last
 * follow-up visit by date on or after `finalMinDay` (the same visit as m3 or m6 when that is
 * the last one); none when every follow-up is earlier. Visits on one date count in their
 * input order (as a stable sort by date would put them).
 *
 * One pass over the visits in input order, keeping the best visit so far for each time point,
 * with no sorting and no object per visit: a cohort of ten thousand patients has fifty
 * thousand visits, and the report's garbage was a good part of its time.
 */
export function selectTimePoints<V extends VisitLike>(
  jakiStartDate: string,
  visits: readonly V[],
  { windows, finalMinDay }: Pick<ReportSettings, 'windows' | 'finalMinDay'> = DEFAULT_REPORT_SETTINGS,
): PatientTimePoints<V> {
  const startMs = isoDateMs(jakiStartDate);
  let baseline: V | null = null;
  let m3: V | null = null;
  let m6: V | null = null;
  let last: V | null = null;
  let m3Day = 0;
  let m6Day = 0;
  let lastDay = 0;
  for (let i = 0; i < visits.length; i++) {
    const visit = visits[i]!;
    const date = visit.visitDate;
    if (visit.visitType === 'baseline') {
      if (baseline === null || date < baseline.visitDate) baseline = visit;
      continue;
    }
    if (visit.visitType !== 'follow_up') continue;
    const day = daysBetweenMs(startMs, isoDateMs(date));
    if (last === null || date >= last.visitDate) {
      last = visit;
      lastDay = day;
    }
    if (inWindow(day, windows.m3) && (m3 === null || closer(day, date, m3Day, m3.visitDate, windows.m3.target))) {
      m3 = visit;
      m3Day = day;
    }
    if (inWindow(day, windows.m6) && (m6 === null || closer(day, date, m6Day, m6.visitDate, windows.m6.target))) {
      m6 = visit;
      m6Day = day;
    }
  }
  // One object per chosen visit: final is the very m3 or m6 point when it is the same visit.
  const m3Point = m3 && { visit: m3, day: m3Day };
  const m6Point = m6 === m3 ? m3Point : m6 && { visit: m6, day: m6Day };
  const finalPoint = last === null || lastDay < finalMinDay ? null : last === m3 ? m3Point : last === m6 ? m6Point : { visit: last, day: lastDay };
  return {
    baseline: baseline && { visit: baseline, day: daysBetweenMs(startMs, isoDateMs(baseline.visitDate)) },
    m3: m3Point,
    m6: m6Point,
    final: finalPoint,
  };
}
