// Baseline characteristics ("Table 1") of the reported patients. Definitions are in report.ts.

import { PREVIOUS_TREATMENTS } from '@/lib/codes';
import { mean } from '@/lib/stats';
import { daysBetweenMs, isoDateMs } from './iso-days';
import { finite, type PatientTimeline } from './measures';
import { DAYS_PER_YEAR } from './outcomes';
import type { BaselineCharacteristics, MinMaxMean } from './report-types';
import type { ReportSettings } from './windows';

export function minMaxMean(values: readonly number[]): MinMaxMean {
  if (values.length === 0) return { min: null, max: null, mean: null };
  return { min: Math.min(...values), max: Math.max(...values), mean: mean(values) };
}

/** Patients per previous treatment, in the code list's order, then any other codes; only codes present. */
function previousTreatments(counts: Map<string, number>): Record<string, number> {
  const known: readonly string[] = PREVIOUS_TREATMENTS;
  const order = (code: string) => (known.includes(code) ? known.indexOf(code) : known.length);
  const codes = [...counts.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(codes.map((c) => [c, counts.get(c)!]));
}

type Regimen = BaselineCharacteristics['regimens'][number];

/** Regimens by drug, then dose from highest. */
function regimens(groups: Map<string, Regimen>): Regimen[] {
  return [...groups.values()].sort(
    (a, b) => (a.drug < b.drug ? -1 : a.drug > b.drug ? 1 : 0) || b.dose_mg_day - a.dose_mg_day,
  );
}

/**
 * All counts come from one pass over the patients: on a cohort of thousands, each further
 * pass over the patient objects costs more than the arithmetic it does.
 */
export function baselineCharacteristics(timelines: readonly PatientTimeline[], settings: ReportSettings): BaselineCharacteristics {
  const ages: number[] = [];
  const durations: number[] = [];
  const sex = { F: 0, M: 0 };
  const active = { cutaneous: 0, muscle: 0, both: 0 };
  let prednisoneAbove = 0;
  let ivig = 0;
  let ild = 0;
  const treatments = new Map<string, number>();
  const regimenGroups = new Map<string, Regimen>();
  for (const { patient, points } of timelines) {
    ages.push(Number(patient.jakiStartDate.slice(0, 4)) - patient.birthYear);
    if (patient.diagnosisDate) {
      durations.push(daysBetweenMs(isoDateMs(patient.diagnosisDate), isoDateMs(patient.jakiStartDate)) / DAYS_PER_YEAR);
    }
    if (patient.sex === 'F') sex.F++;
    else if (patient.sex === 'M') sex.M++;
    if (patient.ild === true) ild++;

    const visit = points.baseline?.visit;
    if (visit) {
      if (visit.activeCutaneous === true) active.cutaneous++;
      if (visit.activeMuscle === true) active.muscle++;
      if (visit.activeCutaneous === true && visit.activeMuscle === true) active.both++;
      if (visit.ivig === 'ongoing') ivig++;
      const prednisone = finite(visit.prednisoneMgDay);
      if (prednisone !== null && prednisone > settings.taperThreshold) prednisoneAbove++;
    }

    // A patient counts once per code: only its first occurrence counts.
    const codes = patient.previousTreatments;
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (codes.indexOf(code) === i) treatments.set(code, (treatments.get(code) ?? 0) + 1);
    }

    const key = `${patient.jakiDrug}\u0000${patient.jakiDoseMgDay}`;
    const group = regimenGroups.get(key);
    if (group) group.n++;
    else regimenGroups.set(key, { drug: patient.jakiDrug, dose_mg_day: patient.jakiDoseMgDay, n: 1 });
  }
  return {
    n: timelines.length,
    sex,
    age_years: minMaxMean(ages),
    disease_duration_years: { ...minMaxMean(durations), n: durations.length },
    previous_treatments: previousTreatments(treatments),
    active,
    regimens: regimens(regimenGroups),
    prednisone_above_5: prednisoneAbove,
    ivig,
    ild,
  };
}
