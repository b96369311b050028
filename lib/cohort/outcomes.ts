// Outcome counts of the report: CDASI response, steroid and IVIG sparing, JAKi continuation,
// deaths, follow-up time and adverse events. Definitions are in report.ts.

import { AE_SPECIAL_INTEREST } from '@/lib/codes';
import { mean, sd } from '@/lib/stats';
import type { FieldColumns, PatientTimeline } from './measures';
import type { AdverseEventSummary, CohortReport, CountOf } from './report-types';
import type { ReportPatient } from './types';
import { FOLLOW_UP_POINTS, type FollowUpPoint, type ReportSettings } from './windows';

export const DAYS_PER_YEAR = 365.25;

/** Counts of each key, keys sorted so the JSON is stable. */
export function tally(keys: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `cdasi`: the CDASI activity columns (NaN where none). */
export function cdasiResponse(cdasi: FieldColumns, settings: ReportSettings): Record<FollowUpPoint, CountOf> {
  const result = {} as Record<FollowUpPoint, CountOf>;
  for (const tp of FOLLOW_UP_POINTS) {
    let n = 0;
    let of = 0;
    const column = cdasi[tp];
    for (let i = 0; i < column.length; i++) {
      const base = cdasi.baseline[i]!;
      const at = column[i]!;
      if (Number.isNaN(base) || Number.isNaN(at)) continue;
      of++;
      if (base - at >= settings.responderDrop) n++;
    }
    result[tp] = { n, of };
  }
  return result;
}

/** `prednisone`: the prednisone columns (NaN where none). */
export function prednisoneTaper(prednisone: FieldColumns, settings: ReportSettings): CohortReport['prednisone_taper'] {
  let above = 0;
  let of = 0;
  let tapered = 0;
  for (let i = 0; i < prednisone.baseline.length; i++) {
    const base = prednisone.baseline[i]!;
    if (Number.isNaN(base) || base <= settings.taperThreshold) continue;
    above++;
    const final = prednisone.final[i]!;
    if (Number.isNaN(final)) continue;
    of++;
    if (final <= settings.taperThreshold) tapered++;
  }
  return { baseline_above_5: above, tapered, of };
}

export function ivigSparing(timelines: readonly PatientTimeline[]): CohortReport['ivig'] {
  let baseline = 0;
  let discontinued = 0;
  for (const { points } of timelines) {
    if (points.baseline?.visit.ivig !== 'ongoing') continue;
    baseline++;
    const final = points.final?.visit.ivig;
    if (final === 'stopped' || final === 'none') discontinued++;
  }
  return { baseline, discontinued };
}

export function jakiContinued(patients: readonly ReportPatient[]): CountOf {
  return { n: patients.filter((p) => !p.jakiStopDate).length, of: patients.length };
}

/** Reasons of the patients who stopped the JAKi; a stop without a reason is `not_recorded`. */
export function jakiStopReasons(patients: readonly ReportPatient[]): Record<string, number> {
  return tally(patients.filter((p) => p.jakiStopDate).map((p) => p.jakiStopReason ?? 'not_recorded'));
}

export function deaths(patients: readonly ReportPatient[]): number {
  return patients.filter((p) => p.deathDate).length;
}

/** Recorded causes of the deaths (a death without a cause adds none). */
export function deathCauses(patients: readonly ReportPatient[]): string[] {
  return patients.filter((p) => p.deathDate && p.deathCause).map((p) => p.deathCause as string);
}

export function followUpYears(timelines: readonly PatientTimeline[]): CohortReport['follow_up_years'] {
  // The final visit's day is its date less the JAKi start, as selectTimePoints worked it out.
  const years: number[] = [];
  for (const { points } of timelines) if (points.final) years.push(points.final.day / DAYS_PER_YEAR);
  return { mean: mean(years), sd: sd(years) };
}

export function adverseEventSummary(patients: readonly ReportPatient[]): AdverseEventSummary {
  const events = patients.flatMap((p) => p.adverseEvents);
  const special = new Set<string>(AE_SPECIAL_INTEREST);
  const byGrade: AdverseEventSummary['by_grade'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const e of events) {
    const g = String(e.ctcaeGrade);
    if (g in byGrade) byGrade[g as keyof typeof byGrade]++;
  }
  return {
    total: events.length,
    serious: events.filter((e) => e.serious).length,
    by_category: tally(events.map((e) => e.category)),
    special_interest: events.filter((e) => special.has(e.category)).length,
    by_grade: byGrade,
  };
}
