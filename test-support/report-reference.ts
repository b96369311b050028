// The cohort report written the plain way, as it first was: every statistic walks the
// patients again, dates go through lib/dates, values are read by key, TIS and DOI are summed
// in their own loops. Too slow for a large cohort, but easy to check by eye;
// lib/cohort/report-reference.test.ts holds buildReport (lib/cohort/report.ts) to exactly the
// same output on generated cohorts. Definitions are in lib/cohort/report.ts.

import { PREVIOUS_TREATMENTS } from '@/lib/codes';
import { daysBetween } from '@/lib/dates';
import {
  ADULT_TIS_THRESHOLDS,
  CSM_KEYS,
  csmPoints,
  DOI_IMPROVED_PERCENT,
  DOI_WORSENED_PERCENT,
  percentImprovement,
  tisCategory,
  type CoreSetMeasures,
  type CsmKey,
} from '@/lib/instruments/imacs';
import { mean, pairedTTest, sd, wilcoxonSignedRank } from '@/lib/stats';
import { TTEST_DESCRIPTION, WILCOXON_DESCRIPTION } from '@/lib/cohort/report';
import { REPORT_MEASURES, type CohortReport, type ImacsCounts, type ImacsPatientRow, type MeasureRow } from '@/lib/cohort/report-types';
import type { ReportInput, ReportPatient, ReportVisit } from '@/lib/cohort/types';
import { DEFAULT_REPORT_SETTINGS, FOLLOW_UP_POINTS, type DayWindow, type FollowUpPoint, type ReportSettings } from '@/lib/cohort/windows';

type Dated = { visit: ReportVisit; day: number };
type Points = { baseline: Dated | null; m3: Dated | null; m6: Dated | null; final: Dated | null };
type Timeline = { patient: ReportPatient; points: Points };
type NumericField = { [K in keyof ReportVisit]: ReportVisit[K] extends number | null ? K : never }[keyof ReportVisit];

const DAYS_PER_YEAR = 365.25;
const FIELDS = { cdasi_activity: 'cdasiActivity', cdasi_damage: 'cdasiDamage', mmt8: 'mmt8', prednisone_mg_day: 'prednisoneMgDay' } as const;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function valueAt(point: { visit: ReportVisit } | null, field: NumericField): number | null {
  const v = point?.visit[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function closestInWindow(followUps: Dated[], window: DayWindow): Dated | null {
  let best: Dated | null = null;
  for (const v of followUps) {
    if (v.day < window.from || v.day > window.to) continue;
    if (best === null || Math.abs(v.day - window.target) < Math.abs(best.day - window.target)) best = v;
  }
  return best;
}

function selectTimePoints(start: string, visits: ReportVisit[], windows: ReportSettings['windows'], finalMinDay: number): Points {
  const dated = [...visits]
    .sort((a, b) => cmp(a.visitDate, b.visitDate))
    .map((visit) => ({ visit, day: daysBetween(start, visit.visitDate) }));
  const followUps = dated.filter((v) => v.visit.visitType === 'follow_up');
  return {
    baseline: dated.find((v) => v.visit.visitType === 'baseline') ?? null,
    m3: closestInWindow(followUps, windows.m3),
    m6: closestInWindow(followUps, windows.m6),
    final: followUps.filter((v) => v.day >= finalMinDay).at(-1) ?? null,
  };
}

function measureRow(timelines: Timeline[], field: NumericField): MeasureRow {
  const base = timelines.map((t) => valueAt(t.points.baseline, field)).filter((v): v is number => v !== null);
  const row = { baseline: { n: base.length, mean: mean(base), sd: sd(base) } } as MeasureRow;
  for (const tp of FOLLOW_UP_POINTS) {
    const values: number[] = [];
    const at: number[] = [];
    const baseline: number[] = [];
    for (const { points } of timelines) {
      const v = valueAt(points[tp], field);
      if (v === null) continue;
      values.push(v);
      const b = valueAt(points.baseline, field);
      if (b === null) continue;
      at.push(v);
      baseline.push(b);
    }
    const w = wilcoxonSignedRank(at, baseline);
    const t = pairedTTest(at, baseline);
    row[tp] = { n: values.length, mean: mean(values), sd: sd(values), n_paired: at.length, p_wilcoxon: w.p, p_ttest: t.p, wilcoxon_method: w.method };
  }
  return row;
}

function tally(keys: string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => cmp(a, b)));
}

function minMaxMean(values: number[]) {
  if (values.length === 0) return { min: null, max: null, mean: null };
  return { min: Math.min(...values), max: Math.max(...values), mean: mean(values) };
}

// The enzymes with their limits, in the order that breaks a tie.
const ENZYMES = [
  ['ckUL', 'ckUln'],
  ['aldolaseUL', 'aldolaseUln'],
  ['ldhUL', 'ldhUln'],
  ['astUL', 'astUln'],
  ['altUL', 'altUln'],
] as const;

/** The value field of the enzyme most above its upper limit at baseline; CK when none has a limit. */
function chosenEnzyme(baseline: ReportVisit): NumericField {
  const point = { visit: baseline };
  const ratios = ENZYMES.map(([value, uln]) => {
    const v = valueAt(point, value);
    const u = valueAt(point, uln);
    return v !== null && u !== null && u > 0 ? v / u : null;
  });
  const best = Math.max(...ratios.filter((r): r is number => r !== null));
  const index = ratios.findIndex((r) => r !== null && r === best);
  return index < 0 ? 'ckUL' : ENZYMES[index]![0];
}

function csm(visit: ReportVisit, enzyme: NumericField): CoreSetMeasures {
  const point = { visit };
  return {
    physicianGlobal: valueAt(point, 'physicianGlobal'),
    patientGlobal: valueAt(point, 'patientGlobal'),
    mmt: valueAt(point, 'mmt8'),
    haq: valueAt(point, 'haq'),
    enzyme: valueAt(point, enzyme),
    extramuscularGlobal: valueAt(point, 'extramuscularGlobal'),
  };
}

const allPresent = (m: CoreSetMeasures): m is Record<CsmKey, number> => CSM_KEYS.every((k) => m[k] !== null && Number.isFinite(m[k]));

function tis(base: CoreSetMeasures, follow: CoreSetMeasures, mmtMax: number): number | null {
  if (!allPresent(base) || !allPresent(follow)) return null;
  let total = 0;
  for (const k of CSM_KEYS) total += csmPoints(k, percentImprovement(k, base[k], follow[k], 'tis', { mmtMax }));
  return total;
}

function doi(base: CoreSetMeasures, follow: CoreSetMeasures, mmtMax: number): boolean | null {
  if (!allPresent(base) || !allPresent(follow)) return null;
  let improved = 0;
  const worsened: CsmKey[] = [];
  for (const k of CSM_KEYS) {
    const p = percentImprovement(k, base[k], follow[k], 'relative', { mmtMax });
    if (p >= DOI_IMPROVED_PERCENT) improved++;
    if (p <= -DOI_WORSENED_PERCENT) worsened.push(k);
  }
  return improved >= 3 && worsened.length <= 2 && !worsened.includes('mmt');
}

function imacs(timelines: Timeline[], mmtMax: number): CohortReport['imacs'] {
  const perPatient: ImacsPatientRow[] = [];
  const counts = {} as Record<FollowUpPoint, ImacsCounts>;
  for (const tp of FOLLOW_UP_POINTS) counts[tp] = { none: 0, minimal: 0, moderate: 0, major: 0, assessable: 0, doi_met: 0 };
  for (const { patient, points } of timelines) {
    if (!points.baseline) continue;
    const enzyme = chosenEnzyme(points.baseline.visit);
    for (const tp of FOLLOW_UP_POINTS) {
      const at = points[tp];
      if (!at) continue;
      const score = tis(csm(points.baseline.visit, enzyme), csm(at.visit, enzyme), mmtMax);
      const met = doi(csm(points.baseline.visit, enzyme), csm(at.visit, enzyme), mmtMax);
      const category = score === null ? null : tisCategory(score);
      perPatient.push({ patient_code: patient.code, time_point: tp, tis: score, tis_category: category, doi_met: met });
      if (category !== null) {
        counts[tp].assessable++;
        counts[tp][category]++;
      }
      if (met === true) counts[tp].doi_met++;
    }
  }
  return { per_patient: perPatient, counts };
}

function baselineCharacteristics(timelines: Timeline[], settings: ReportSettings): CohortReport['baseline_characteristics'] {
  const patients = timelines.map((t) => t.patient);
  const atBaseline = timelines.map((t) => t.points.baseline?.visit ?? null);
  const durations = patients
    .filter((p) => p.diagnosisDate)
    .map((p) => daysBetween(p.diagnosisDate as string, p.jakiStartDate) / DAYS_PER_YEAR);
  const treatments = new Map<string, number>();
  for (const p of patients) for (const code of new Set(p.previousTreatments)) treatments.set(code, (treatments.get(code) ?? 0) + 1);
  const known: readonly string[] = PREVIOUS_TREATMENTS;
  const order = (code: string) => (known.includes(code) ? known.indexOf(code) : known.length);
  const codes = [...treatments.keys()].sort((a, b) => order(a) - order(b) || cmp(a, b));
  const groups = new Map<string, { drug: string; dose_mg_day: number; n: number }>();
  for (const p of patients) {
    const key = `${p.jakiDrug}\u0000${p.jakiDoseMgDay}`;
    const g = groups.get(key) ?? { drug: p.jakiDrug, dose_mg_day: p.jakiDoseMgDay, n: 0 };
    g.n++;
    groups.set(key, g);
  }
  return {
    n: patients.length,
    sex: { F: patients.filter((p) => p.sex === 'F').length, M: patients.filter((p) => p.sex === 'M').length },
    age_years: minMaxMean(patients.map((p) => Number(p.jakiStartDate.slice(0, 4)) - p.birthYear)),
    disease_duration_years: { ...minMaxMean(durations), n: durations.length },
    previous_treatments: Object.fromEntries(codes.map((c) => [c, treatments.get(c)!])),
    active: {
      cutaneous: atBaseline.filter((v) => v?.activeCutaneous === true).length,
      muscle: atBaseline.filter((v) => v?.activeMuscle === true).length,
      both: atBaseline.filter((v) => v?.activeCutaneous === true && v.activeMuscle === true).length,
    },
    regimens: [...groups.values()].sort((a, b) => cmp(a.drug, b.drug) || b.dose_mg_day - a.dose_mg_day),
    prednisone_above_5: timelines.filter((t) => {
      const base = valueAt(t.points.baseline, 'prednisoneMgDay');
      return base !== null && base > settings.taperThreshold;
    }).length,
    ivig: atBaseline.filter((v) => v?.ivig === 'ongoing').length,
    ild: patients.filter((p) => p.ild === true).length,
  };
}

export function referenceReport(input: ReportInput, settings: ReportSettings = DEFAULT_REPORT_SETTINGS): CohortReport {
  const site = input.site ?? null;
  const patients = input.patients.filter((p) => site === null || p.siteCode === site).sort((a, b) => cmp(a.code, b.code));
  const timelines = patients.map((patient) => ({
    patient,
    points: selectTimePoints(patient.jakiStartDate, patient.visits, settings.windows, settings.finalMinDay),
  }));
  const cdasi = (t: Timeline, tp: 'baseline' | FollowUpPoint) => valueAt(t.points[tp], 'cdasiActivity');
  const prednisone = (t: Timeline, tp: 'baseline' | FollowUpPoint) => valueAt(t.points[tp], 'prednisoneMgDay');
  const above = timelines.filter((t) => {
    const base = prednisone(t, 'baseline');
    return base !== null && base > settings.taperThreshold;
  });
  const taperOf = above.filter((t) => prednisone(t, 'final') !== null);
  const ivigBaseline = timelines.filter((t) => t.points.baseline?.visit.ivig === 'ongoing');
  const years = timelines
    .filter((t) => t.points.final !== null)
    .map((t) => daysBetween(t.patient.jakiStartDate, t.points.final!.visit.visitDate) / DAYS_PER_YEAR);
  const emergent = (p: ReportPatient, onset: string) =>
    onset >= p.jakiStartDate && (p.jakiStopDate === null || daysBetween(p.jakiStopDate, onset) <= settings.aeWindowAfterStopDays);
  const events = patients.flatMap((p) => p.adverseEvents.filter((e) => emergent(p, e.onsetDate)));
  const exposureDays = patients.map((p) => {
    const ends = [p.jakiStopDate, p.deathDate, p.followUpEndDate].filter((d): d is string => d !== null).sort(cmp);
    const end = ends[0] ?? [...p.visits].map((v) => v.visitDate).sort(cmp).at(-1);
    return end === undefined ? 0 : Math.max(0, daysBetween(p.jakiStartDate, end));
  });
  const exposureYears = exposureDays.reduce((a, b) => a + b, 0) / DAYS_PER_YEAR;
  const relapses = patients.map((p) => p.relapses.filter((r) => r.relapseDate >= p.jakiStartDate && (p.jakiStopDate === null || r.relapseDate <= p.jakiStopDate)));
  const specialInterest = (category: string) => category !== 'other' && category !== 'lab_abnormality';
  const byGrade: CohortReport['adverse_events']['by_grade'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const e of events) {
    const g = String(e.ctcaeGrade);
    if (g in byGrade) byGrade[g as keyof typeof byGrade]++;
  }
  return {
    cohort: input.cohort,
    patients: patients.length,
    measures: Object.fromEntries(REPORT_MEASURES.map((m) => [m, measureRow(timelines, FIELDS[m])])) as CohortReport['measures'],
    cdasi_response: Object.fromEntries(
      FOLLOW_UP_POINTS.map((tp) => {
        const paired = timelines.filter((t) => cdasi(t, 'baseline') !== null && cdasi(t, tp) !== null);
        const n = paired.filter((t) => cdasi(t, 'baseline')! - cdasi(t, tp)! >= settings.responderDrop).length;
        return [tp, { n, of: paired.length }];
      }),
    ) as CohortReport['cdasi_response'],
    prednisone_taper: {
      baseline_above_5: above.length,
      tapered: taperOf.filter((t) => prednisone(t, 'final')! <= settings.taperThreshold).length,
      of: taperOf.length,
    },
    ivig: {
      baseline: ivigBaseline.length,
      discontinued: ivigBaseline.filter((t) => {
        const final = t.points.final?.visit.ivig;
        return final === 'stopped' || final === 'none';
      }).length,
    },
    jaki_continued: { n: patients.filter((p) => !p.jakiStopDate && !p.deathDate).length, of: patients.length },
    deaths: patients.filter((p) => p.deathDate).length,
    follow_up_years: { mean: mean(years), sd: sd(years) },
    adverse_events: {
      total: events.length,
      serious: events.filter((e) => e.serious).length,
      special_interest: events.filter((e) => specialInterest(e.category)).length,
      patients: patients.filter((p) => p.adverseEvents.some((e) => emergent(p, e.onsetDate))).length,
      leading_to_discontinuation: events.filter((e) => e.action === 'withdrawn').length,
      exposure_years: exposureYears,
      rate_per_100_patient_years: exposureYears > 0 ? (100 * events.length) / exposureYears : null,
      not_treatment_emergent: patients.flatMap((p) => p.adverseEvents).length - events.length,
      by_category: tally(events.map((e) => e.category)),
      by_grade: byGrade,
    },
    relapses: {
      events: relapses.flat().length,
      patients: relapses.filter((list) => list.length > 0).length,
      by_domain: tally(relapses.flat().map((r) => r.domain)),
    },
    site,
    as_of: input.today,
    settings: {
      windows: { m3: { ...settings.windows.m3 }, m6: { ...settings.windows.m6 } },
      responder_drop: settings.responderDrop,
      taper_threshold_mg_day: settings.taperThreshold,
      mmt8_max: settings.mmt8Max,
      final_min_day: settings.finalMinDay,
      ae_window_after_stop_days: settings.aeWindowAfterStopDays,
      primary_test: settings.primaryTest,
      decimals: settings.decimals,
      tis_thresholds: { ...ADULT_TIS_THRESHOLDS },
      tests: { wilcoxon: WILCOXON_DESCRIPTION, ttest: TTEST_DESCRIPTION },
    },
    baseline_characteristics: baselineCharacteristics(timelines, settings),
    imacs: imacs(timelines, settings.mmt8Max),
    trajectories: timelines.map(({ patient, points }) => ({
      patient_code: patient.code,
      points: (['baseline', ...FOLLOW_UP_POINTS] as const).flatMap((tp) => {
        const at = points[tp];
        return at
          ? [{ time_point: tp, day: at.day, cdasi_activity: valueAt(at, 'cdasiActivity'), mmt8: valueAt(at, 'mmt8'), prednisone_mg_day: valueAt(at, 'prednisoneMgDay') }]
          : [];
      }),
    })),
    jaki_stop_reasons: tally(patients.filter((p) => p.jakiStopDate).map((p) => p.jakiStopReason ?? 'not_recorded')),
    death_causes: patients.filter((p) => p.deathDate && p.deathCause).map((p) => p.deathCause as string),
    jaki_continuation: continuation(patients, input.today),
  };
}

/** The Kaplan–Meier curve of staying on the JAKi, counting the patients again at every day. */
function continuation(patients: ReportPatient[], asOf: string): CohortReport['jaki_continuation'] {
  const observed = patients.map((p) => {
    const ended = [p.jakiStopDate, p.deathDate].filter((d): d is string => !!d).sort(cmp)[0];
    if (ended !== undefined && ended <= asOf) return { day: Math.max(0, daysBetween(p.jakiStartDate, ended)), ended: true };
    const lastSeen = p.followUpEndDate || [...p.visits].map((v) => v.visitDate).sort(cmp).at(-1) || asOf;
    return { day: Math.max(0, daysBetween(p.jakiStartDate, lastSeen < asOf ? lastSeen : asOf)), ended: false };
  });
  const days = [...new Set(observed.map((o) => o.day))].sort((a, b) => a - b);
  let survival = 1;
  const steps = days.map((day) => {
    const atRisk = observed.filter((o) => o.day >= day).length;
    const events = observed.filter((o) => o.day === day && o.ended).length;
    survival *= 1 - events / atRisk;
    return { day, survival, at_risk: atRisk, events, censored: observed.filter((o) => o.day === day && !o.ended).length };
  });
  const longest = Math.max(0, ...days);
  const atRisk: CohortReport['jaki_continuation']['at_risk'] = [];
  for (let month = 0; atRisk.length === 0 || (month - 6) * (365.25 / 12) < longest; month += 6) {
    atRisk.push({ month, n: observed.filter((o) => o.day >= month * (365.25 / 12)).length });
  }
  return { median_days: steps.find((s) => s.survival <= 0.5 + 1e-12)?.day ?? null, steps, at_risk: atRisk };
}
