// IMACS response per patient and time point, and the per-patient trajectories for the figure.

import {
  imacsResponseOf,
  recordedCsm,
  tisCategory,
  type CoreSetMeasures,
  type ImacsOptions,
  type TisCategory,
} from '@/lib/instruments/imacs';
import { finite, orNull, TIME_POINTS, type FieldColumns, type PatientTimeline } from './measures';
import type { ImacsCounts, ImacsPatientRow, ImacsSummary, Trajectory } from './report-types';
import type { ReportVisit } from './types';
import { FOLLOW_UP_POINTS, type FollowUpPoint, type ReportSettings } from './windows';

/** The muscle enzymes the IMACS core set may follow, in the order that breaks a tie. */
export const IMACS_ENZYMES = ['ck', 'aldolase', 'ldh', 'ast', 'alt'] as const;
export type ImacsEnzyme = (typeof IMACS_ENZYMES)[number];

/**
 * The enzyme a patient's IMACS response follows, chosen once at baseline: of those recorded
 * there with their upper limit of normal, the one highest above it (value / ULN), a tie going
 * to the earlier in IMACS_ENZYMES; CK when none has a ULN.
 */
export function baselineEnzyme(baseline: ReportVisit): ImacsEnzyme {
  let best: ImacsEnzyme = 'ck';
  let bestRatio = -Infinity;
  for (const enzyme of IMACS_ENZYMES) {
    const value = finite(baseline[`${enzyme}UL`]);
    const uln = finite(baseline[`${enzyme}Uln`]);
    if (value === null || uln === null || uln <= 0) continue;
    if (value / uln > bestRatio) {
      best = enzyme;
      bestRatio = value / uln;
    }
  }
  return best;
}

export function coreSetMeasures(visit: ReportVisit, enzyme: ImacsEnzyme): CoreSetMeasures {
  return {
    physicianGlobal: finite(visit.physicianGlobal),
    patientGlobal: finite(visit.patientGlobal),
    mmt: finite(visit.mmt8),
    haq: finite(visit.haq),
    enzyme: finite(visit[`${enzyme}UL`]),
    extramuscularGlobal: finite(visit.extramuscularGlobal),
  };
}

/** A follow-up visit scored against the baseline visit. */
type Scored = { visit: ReportVisit; tis: number | null; category: TisCategory | null; doi: boolean | null };

function score(base: readonly number[] | null, visit: ReportVisit, enzyme: ImacsEnzyme, options: ImacsOptions): Scored {
  const { tis, doi } = imacsResponseOf(base, recordedCsm(coreSetMeasures(visit, enzyme)), options);
  return { visit, tis, category: tis === null ? null : tisCategory(tis), doi };
}

/**
 * One row per patient and time point that has both a baseline visit and a visit at that
 * time point; tis, tis_category and doi_met are null unless all six CSM are recorded at both.
 */
export function imacsSummary(timelines: readonly PatientTimeline[], settings: ReportSettings): ImacsSummary {
  const options = { mmtMax: settings.mmt8Max };
  const perPatient: ImacsPatientRow[] = [];
  const counts = {} as Record<FollowUpPoint, ImacsCounts>;
  for (const tp of FOLLOW_UP_POINTS) counts[tp] = { none: 0, minimal: 0, moderate: 0, major: 0, assessable: 0, doi_met: 0 };
  for (const { patient, points } of timelines) {
    if (!points.baseline) continue;
    // The baseline's measures are read once for all its follow-ups, with the enzyme chosen there.
    const enzyme = baselineEnzyme(points.baseline.visit);
    const base = recordedCsm(coreSetMeasures(points.baseline.visit, enzyme));
    // final is often the m3 or m6 visit itself: score each visit once.
    let scored: Scored | null = null;
    for (const tp of FOLLOW_UP_POINTS) {
      const at = points[tp];
      if (!at) continue;
      if (scored?.visit !== at.visit) scored = score(base, at.visit, enzyme, options);
      const { tis, category, doi } = scored;
      perPatient.push({ patient_code: patient.code, time_point: tp, tis, tis_category: category, doi_met: doi });
      if (category !== null) {
        counts[tp].assessable++;
        counts[tp][category]++;
      }
      if (doi === true) counts[tp].doi_met++;
    }
  }
  return { per_patient: perPatient, counts };
}

/**
 * Baseline and each selected time point (final repeats m3 or m6 when it is the same visit).
 * The values come from the CDASI activity, MMT8 and prednisone columns (measureColumns).
 */
export function trajectories(timelines: readonly PatientTimeline[], columns: Record<'cdasi_activity' | 'mmt8' | 'prednisone_mg_day', FieldColumns>): Trajectory[] {
  const { cdasi_activity: cdasi, mmt8, prednisone_mg_day: prednisone } = columns;
  return timelines.map(({ patient, points }, i) => {
    const trajectory: Trajectory = { patient_code: patient.code, points: [] };
    for (const tp of TIME_POINTS) {
      const at = points[tp];
      if (!at) continue;
      trajectory.points.push({
        time_point: tp,
        day: at.day,
        cdasi_activity: orNull(cdasi[tp][i]!),
        mmt8: orNull(mmt8[tp][i]!),
        prednisone_mg_day: orNull(prednisone[tp][i]!),
      });
    }
    return trajectory;
  });
}
