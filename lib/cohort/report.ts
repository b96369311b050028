/**
 * The cohort trajectory report (docs/report.md; its keys: docs/interchange.md, "Report JSON"),
 * as a pure function of the cohort's data: no database, no clock (the caller passes `today`).
 *
 * Numbers are unrounded; an absent value is null, never NaN: a mean of no values, an SD of
 * fewer than two, a P the test cannot give.
 *
 * Which patients: all patients of the input, or, when `site` is given, those whose siteCode
 * is that site. `patients` counts them all; each statistic uses whoever has the values it
 * needs. Patients are listed in code order.
 *
 * Time points (windows.ts): day 0 is jaki_start_date. Baseline is the patient's baseline visit
 * (the earliest if the data hold more than one). m3 is the follow-up visit closest to day 91
 * within days 46–136, m6 closest to 182 within 137–227, both ends included, a tie going to
 * the earlier visit; no visit in a window, no such time point. final is the last follow-up
 * visit whatever its day, and may be the m3 or m6 visit. A baseline-only patient has none.
 *
 * Contract keys:
 * - measures.{cdasi_activity, cdasi_damage, mmt8, prednisone_mg_day}: `baseline` {n, mean, sd}
 *   over the patients with a value at baseline; m3/m6/final {n, mean, sd} over the patients
 *   with a value at that time point, and {n_paired, p_wilcoxon, p_ttest} over those with a
 *   value there and at baseline: two-sided Wilcoxon signed-rank and paired t-test as R's
 *   wilcox.test / t.test (paired = TRUE), lib/stats. SD is the sample SD (n − 1).
 * - cdasi_response.{m3, m6, final}: `of` patients with CDASI activity at baseline and at the
 *   time point; `n` of them whose activity fell by `responderDrop` (5) points or more.
 * - prednisone_taper: `baseline_above_5` patients with prednisone > `taperThreshold` (5 mg/day)
 *   at baseline; `of` those with a prednisone value at final; `tapered` those of `of` at or
 *   below the threshold at final. The key keeps its contract name if the threshold changes.
 * - ivig: `baseline` patients with IVIG `ongoing` at the baseline visit; `discontinued` those
 *   of them whose final visit says `stopped` or `none` (no final visit, or no IVIG status
 *   there, is not discontinued).
 * - jaki_continued: `n` patients with no jaki_stop_date, `of` all patients.
 * - deaths: patients with a death_date.
 * - follow_up_years: {mean, sd} of (final visit date − JAKi start) in days / 365.25, over
 *   patients with a final visit.
 * - adverse_events: `total` events of the patients, `serious` those with serious = yes,
 *   `by_category` {category: events}, only categories that occur.
 *
 * Additions:
 * - site: the site filter, or null. as_of: the `today` given.
 * - settings: the windows and thresholds used, and `tests` saying which tests made the P
 *   values; each time-point cell also says `wilcoxon_method`: 'exact' (n < 50, no ties, no
 *   zero differences) or 'normal' (tie-corrected, continuity-corrected), null with no P.
 * - adverse_events.special_interest: events whose category is in AE_SPECIAL_INTEREST;
 *   adverse_events.by_grade: events per CTCAE grade "1"…"5".
 * - baseline_characteristics: n (all patients); sex {F, M}; age_years {min, max, mean} with
 *   age = JAKi start year − birth year; disease_duration_years {min, max, mean, n}: diagnosis
 *   to JAKi start in days / 365.25, patients with a diagnosis date; previous_treatments
 *   {code: patients}, codes present only; active {cutaneous, muscle, both}: flags at the
 *   baseline visit; regimens [{drug, dose_mg_day, n}] by starting drug and dose, sorted by
 *   drug then dose from the highest; prednisone_above_5 (baseline > taperThreshold); ivig
 *   (ongoing at baseline); ild (ild = yes).
 * - imacs: per_patient rows {patient_code, time_point, tis, tis_category, doi_met} for each
 *   patient with a baseline visit and a visit at the time point, comparing the two visits
 *   (lib/instruments/imacs.ts; CK as the enzyme, MMT8 over settings.mmt8Max); all three are
 *   null unless the six core set measures are recorded at both. counts per time point:
 *   {none, minimal, moderate, major} (adult TIS categories), assessable (TIS computed),
 *   doi_met.
 * - trajectories: per patient, [{time_point, day, cdasi_activity, mmt8, prednisone_mg_day}] at
 *   baseline and each time point it has (day from the JAKi start; final repeats the m3/m6 visit
 *   when the same).
 * - jaki_stop_reasons: {reason: patients} over patients with a jaki_stop_date; a stop with no
 *   reason counts as `not_recorded`.
 * - death_causes: the recorded causes of the patients with a death_date.
 * - jaki_continuation: the Kaplan–Meier curve of staying on the JAKi (continuation.ts):
 *   steps [{day, survival, at_risk, events, censored}], at_risk [{month, n}] every 6 months,
 *   median_days.
 * Relapses are not in the data (no relapse field), so the report has none.
 */

import { ADULT_TIS_THRESHOLDS } from '@/lib/instruments/imacs';
import { baselineCharacteristics } from './baseline';
import { jakiContinuation } from './continuation';
import { imacsSummary, trajectories } from './improvement';
import { measureColumns, measureRow, type PatientTimeline } from './measures';
import {
  adverseEventSummary,
  cdasiResponse,
  deathCauses,
  deaths,
  followUpYears,
  ivigSparing,
  jakiContinued,
  jakiStopReasons,
  prednisoneTaper,
  relapseSummary,
} from './outcomes';
import { REPORT_MEASURES, type CohortReport, type MeasureRow, type ReportMeasure, type ReportSettingsJson, type ReportSummary, type Trajectory } from './report-types';
import type { ReportInput } from './types';
import { DEFAULT_REPORT_SETTINGS, selectTimePoints, type ReportSettings } from './windows';

export const WILCOXON_DESCRIPTION =
  "Two-sided Wilcoxon signed-rank test of each time point against baseline on the paired patients, as R's " +
  'wilcox.test(x, y, paired = TRUE): zero differences dropped, average ranks; exact null distribution when ' +
  'n < 50 with no ties and no zero differences, otherwise the normal approximation with tie-corrected ' +
  "variance and a 0.5 continuity correction. Each cell's wilcoxon_method says which; no P when every " +
  'difference is zero or there are no pairs.';

export const TTEST_DESCRIPTION =
  "Two-sided paired t-test of each time point against baseline on the paired patients, as R's " +
  't.test(x, y, paired = TRUE); no P with fewer than 2 pairs or when all differences are equal.';

function settingsJson(settings: ReportSettings): ReportSettingsJson {
  return {
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
  };
}

export function buildReport(input: ReportInput, settings: ReportSettings = DEFAULT_REPORT_SETTINGS): CohortReport {
  const site = input.site ?? null;
  const patients = input.patients
    .filter((p) => site === null || p.siteCode === site)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const timelines: PatientTimeline[] = patients.map((patient) => ({
    patient,
    points: selectTimePoints(patient.jakiStartDate, patient.visits, settings),
  }));
  const columns = measureColumns(timelines);
  const measures = Object.fromEntries(REPORT_MEASURES.map((m) => [m, measureRow(columns[m])])) as Record<ReportMeasure, MeasureRow>;

  return {
    cohort: input.cohort,
    patients: patients.length,
    measures,
    cdasi_response: cdasiResponse(columns.cdasi_activity, settings),
    prednisone_taper: prednisoneTaper(columns.prednisone_mg_day, settings),
    ivig: ivigSparing(timelines),
    jaki_continued: jakiContinued(patients),
    deaths: deaths(patients),
    follow_up_years: followUpYears(timelines),
    adverse_events: adverseEventSummary(patients, settings),
    relapses: relapseSummary(patients),
    site,
    as_of: input.today,
    settings: settingsJson(settings),
    baseline_characteristics: baselineCharacteristics(timelines, settings),
    imacs: imacsSummary(timelines, settings),
    trajectories: trajectories(timelines, columns),
    jaki_stop_reasons: jakiStopReasons(patients),
    death_causes: deathCauses(patients),
    jaki_continuation: jakiContinuation(patients, input.today),
  };
}

/**
 * The report without its per-patient arrays (trajectories, imacs.per_patient): what the JSON
 * gives unless patients are asked for. A cohort of ten thousand is 5.7 MB of JSON with them.
 */
export function reportSummary(report: CohortReport): ReportSummary {
  const { trajectories: _trajectories, imacs, ...rest } = report;
  return { ...rest, imacs: { counts: imacs.counts } };
}

/**
 * Up to `max` of the trajectories, evenly spread over the patients in code order, so that a
 * figure's grey lines stay readable and its data small; all of them when there are no more.
 */
export function trajectorySample(trajectories: readonly Trajectory[], max: number): Trajectory[] {
  if (trajectories.length <= max) return [...trajectories];
  const step = trajectories.length / max;
  return Array.from({ length: max }, (_, i) => trajectories[Math.floor(i * step)]!);
}
