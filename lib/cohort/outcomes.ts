// Outcome counts of the report: CDASI response, steroid and IVIG sparing, JAKi continuation,
// deaths, follow-up time and adverse events. Definitions are in report.ts.

import { AE_REPORTED_SPECIAL_INTEREST } from '@/lib/codes';
import { addDays } from '@/lib/dates';
import { mean, sd } from '@/lib/stats';
import type { FieldColumns, PatientTimeline } from './measures';
import { daysBetweenMs, isoDateMs } from './iso-days';
import type { AdverseEventSummary, CohortReport, CountOf, RelapseSummary } from './report-types';
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

/** Still on the JAKi: no stop date and no death (a death ends the treatment even when no stop was entered). */
export function jakiContinued(patients: readonly ReportPatient[]): CountOf {
  return { n: patients.filter((p) => !p.jakiStopDate && !p.deathDate).length, of: patients.length };
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

/**
 * An event is treatment-emergent when it began on or after the JAKi start and, for a patient
 * whose JAKi stopped, no later than `aeWindowAfterStopDays` after the stop.
 */
export function isTreatmentEmergent(patient: ReportPatient, onsetDate: string, settings: Pick<ReportSettings, 'aeWindowAfterStopDays'>): boolean {
  if (onsetDate < patient.jakiStartDate) return false;
  return !patient.jakiStopDate || onsetDate <= addDays(patient.jakiStopDate, settings.aeWindowAfterStopDays);
}

/**
 * Days on the JAKi: from the start to the earliest of the stop, the death and the end of
 * follow-up, or, when none is given, to the patient's last visit (0 without one).
 */
export function exposureDays(patient: ReportPatient): number {
  const ends = [patient.jakiStopDate, patient.deathDate, patient.followUpEndDate].filter((d): d is string => !!d);
  let end = ends.length ? ends.reduce((a, b) => (b < a ? b : a)) : null;
  if (end === null) for (const v of patient.visits) if (end === null || v.visitDate > end) end = v.visitDate;
  if (end === null) return 0;
  return Math.max(0, daysBetweenMs(isoDateMs(patient.jakiStartDate), isoDateMs(end)));
}

export function adverseEventSummary(patients: readonly ReportPatient[], settings: ReportSettings): AdverseEventSummary {
  const events: ReportPatient['adverseEvents'] = [];
  let left = 0;
  let withEvent = 0;
  let exposure = 0;
  for (const p of patients) {
    exposure += exposureDays(p);
    const emergent = p.adverseEvents.filter((e) => isTreatmentEmergent(p, e.onsetDate, settings));
    left += p.adverseEvents.length - emergent.length;
    if (emergent.length) withEvent++;
    events.push(...emergent);
  }
  const special = new Set<string>(AE_REPORTED_SPECIAL_INTEREST);
  const byGrade: AdverseEventSummary['by_grade'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const e of events) {
    const g = String(e.ctcaeGrade);
    if (g in byGrade) byGrade[g as keyof typeof byGrade]++;
  }
  const exposureYears = exposure / DAYS_PER_YEAR;
  return {
    total: events.length,
    serious: events.filter((e) => e.serious).length,
    special_interest: events.filter((e) => special.has(e.category)).length,
    patients: withEvent,
    leading_to_discontinuation: events.filter((e) => e.action === 'withdrawn').length,
    exposure_years: exposureYears,
    rate_per_100_patient_years: exposure > 0 ? (100 * events.length) / exposureYears : null,
    not_treatment_emergent: left,
    by_category: tally(events.map((e) => e.category)),
    by_grade: byGrade,
  };
}

/** Relapses on the JAKi: from the start to the stop (inclusive), when it stopped. */
export function relapseSummary(patients: readonly ReportPatient[]): RelapseSummary {
  const counted = patients.map((p) => p.relapses.filter((r) => r.relapseDate >= p.jakiStartDate && (!p.jakiStopDate || r.relapseDate <= p.jakiStopDate)));
  return {
    events: counted.reduce((n, list) => n + list.length, 0),
    patients: counted.filter((list) => list.length > 0).length,
    by_domain: tally(counted.flat().map((r) => r.domain)),
  };
}
