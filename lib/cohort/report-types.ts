// Shape of the report JSON. The keys of CohortReport marked "contract" are docs/interchange.md's
// public contract (exact names and meanings); the others are additions the contract allows.

import type { TisCategory } from '@/lib/instruments/imacs';
import type { DayWindow, FollowUpPoint, PrimaryTest } from './windows';

export const REPORT_MEASURES = ['cdasi_activity', 'cdasi_damage', 'mmt8', 'prednisone_mg_day'] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export type BaselineCell = { n: number; mean: number | null; sd: number | null };

export type TimePointCell = BaselineCell & {
  n_paired: number;
  p_wilcoxon: number | null;
  p_ttest: number | null;
  /** Extra: which null distribution gave p_wilcoxon; null when there is no P. */
  wilcoxon_method: 'exact' | 'normal' | null;
};

export type MeasureRow = { baseline: BaselineCell } & Record<FollowUpPoint, TimePointCell>;

export type CountOf = { n: number; of: number };

export type MinMaxMean = { min: number | null; max: number | null; mean: number | null };

export type BaselineCharacteristics = {
  n: number;
  sex: { F: number; M: number };
  age_years: MinMaxMean;
  disease_duration_years: MinMaxMean & { n: number };
  previous_treatments: Record<string, number>;
  active: { cutaneous: number; muscle: number; both: number };
  regimens: { drug: string; dose_mg_day: number; n: number }[];
  prednisone_above_5: number;
  ivig: number;
  ild: number;
};

export type ImacsPatientRow = {
  patient_code: string;
  time_point: FollowUpPoint;
  tis: number | null;
  tis_category: TisCategory | null;
  doi_met: boolean | null;
};

export type ImacsCounts = Record<TisCategory, number> & { assessable: number; doi_met: number };

export type ImacsSummary = {
  per_patient: ImacsPatientRow[];
  counts: Record<FollowUpPoint, ImacsCounts>;
};

export type TrajectoryPoint = {
  time_point: 'baseline' | FollowUpPoint;
  day: number;
  cdasi_activity: number | null;
  mmt8: number | null;
  prednisone_mg_day: number | null;
};

export type Trajectory = { patient_code: string; points: TrajectoryPoint[] };

/** One distinct day of the JAKi continuation curve (continuation.ts). */
export type ContinuationStep = { day: number; survival: number; at_risk: number; events: number; censored: number };

/** The Kaplan–Meier estimate of staying on the JAKi, small enough for the summary JSON. */
export type JakiContinuation = {
  median_days: number | null;
  steps: ContinuationStep[];
  at_risk: { month: number; n: number }[];
};

/** Treatment-emergent events only (outcomes.ts, isTreatmentEmergent). */
export type AdverseEventSummary = {
  total: number;
  serious: number;
  /** Events whose category is of special interest (AE_REPORTED_SPECIAL_INTEREST). */
  special_interest: number;
  /** Patients with at least one event. */
  patients: number;
  /** Events after which the JAKi was withdrawn. */
  leading_to_discontinuation: number;
  exposure_years: number;
  rate_per_100_patient_years: number | null;
  /** The cohort's events left out: before the JAKi start or too long after its stop. */
  not_treatment_emergent: number;
  by_category: Record<string, number>;
  by_grade: Record<'1' | '2' | '3' | '4' | '5', number>;
};

export type RelapseSummary = { events: number; patients: number; by_domain: Record<string, number> };

export type ReportSettingsJson = {
  windows: { m3: DayWindow; m6: DayWindow };
  responder_drop: number;
  taper_threshold_mg_day: number;
  mmt8_max: number;
  final_min_day: number;
  ae_window_after_stop_days: number;
  primary_test: PrimaryTest;
  decimals: number;
  tis_thresholds: { minimal: number; moderate: number; major: number };
  tests: { wilcoxon: string; ttest: string };
};

export type CohortReport = {
  // contract
  cohort: string;
  patients: number;
  measures: Record<ReportMeasure, MeasureRow>;
  cdasi_response: Record<FollowUpPoint, CountOf>;
  prednisone_taper: { baseline_above_5: number; tapered: number; of: number };
  ivig: { baseline: number; discontinued: number };
  jaki_continued: CountOf;
  deaths: number;
  follow_up_years: { mean: number | null; sd: number | null };
  adverse_events: AdverseEventSummary;
  relapses: RelapseSummary;
  // additions
  site: string | null;
  as_of: string;
  settings: ReportSettingsJson;
  baseline_characteristics: BaselineCharacteristics;
  imacs: ImacsSummary;
  trajectories: Trajectory[];
  jaki_stop_reasons: Record<string, number>;
  death_causes: string[];
  jaki_continuation: JakiContinuation;
};

/** The default JSON: the report without its per-patient arrays (reportSummary). */
export type ReportSummary = Omit<CohortReport, 'trajectories' | 'imacs'> & { imacs: Pick<ImacsSummary, 'counts'> };
