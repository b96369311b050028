// JAK-inhibitor continuation (drug survival) as a Kaplan–Meier curve (docs/report.md,
// "JAK inhibitor continuation curve"). Day 0 is the JAKi start. The treatment ends at the
// earliest of the stop and the death (a death ends the treatment even without a stop date);
// a patient still on it is censored at the end of observation: the end of follow-up, else the
// last visit, else the report's date, and never after the report's date.

import { kaplanMeier, medianSurvival, numberAtRisk, type SurvivalObservation } from '@/lib/stats/kaplan-meier';
import { daysBetweenMs, isoDateMs } from './iso-days';
import type { JakiContinuation } from './report-types';
import type { ReportPatient } from './types';

/** The numbers at risk are given every this many months. */
export const AT_RISK_EVERY_MONTHS = 6;
export const DAYS_PER_MONTH = 365.25 / 12;

/** A patient's time on the JAKi in days, and whether the treatment ended then (else: censored). */
export function continuationObservation(patient: ReportPatient, asOf: string): SurvivalObservation {
  const start = isoDateMs(patient.jakiStartDate);
  const asOfMs = isoDateMs(asOf);
  const days = (to: number) => Math.max(0, daysBetweenMs(start, to));
  const ends = [patient.jakiStopDate, patient.deathDate].filter((d): d is string => !!d).map(isoDateMs);
  const ended = ends.length ? Math.min(...ends) : null;
  // A stop dated after the report's date has not happened as of the report.
  if (ended !== null && ended <= asOfMs) return { time: days(ended), event: true };
  let observedTo: number | null = patient.followUpEndDate ? isoDateMs(patient.followUpEndDate) : null;
  if (observedTo === null) for (const v of patient.visits) observedTo = Math.max(observedTo ?? -Infinity, isoDateMs(v.visitDate));
  return { time: days(Math.min(observedTo ?? asOfMs, asOfMs)), event: false };
}

/**
 * The curve's steps (one per distinct day with an event or a censoring), the patients at risk
 * every AT_RISK_EVERY_MONTHS months from 0 up to the first such month at or past the longest
 * time, and the median time on the JAKi (null while more than half are still on it).
 */
export function jakiContinuation(patients: readonly ReportPatient[], asOf: string): JakiContinuation {
  const observations = patients.map((p) => continuationObservation(p, asOf));
  const steps = kaplanMeier(observations);
  const longest = steps.at(-1)?.time ?? 0;
  const at_risk: JakiContinuation['at_risk'] = [];
  for (let month = 0; ; month += AT_RISK_EVERY_MONTHS) {
    at_risk.push({ month, n: numberAtRisk(observations, month * DAYS_PER_MONTH) });
    if (month * DAYS_PER_MONTH >= longest) break;
  }
  return {
    median_days: medianSurvival(steps),
    steps: steps.map((s) => ({ day: s.time, survival: s.survival, at_risk: s.atRisk, events: s.events, censored: s.censored })),
    at_risk,
  };
}
