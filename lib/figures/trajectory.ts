// The trajectory figures: one measure at baseline, month 3, month 6 and final follow-up, each
// drawn patient a thin grey line under the cohort's mean ± SD, with n under each time point.
//
// The vertical axis is the instrument's range (CDASI activity 0–100, MMT8 0 to the cohort's
// scale); prednisone, which has no maximum, runs from 0 to the round value above the largest
// value drawn. A value outside an instrument's range (data entered before a scale changed)
// widens the axis rather than vanish. An SD bar is never cut short unseen: where mean ± SD
// passes the axis end (a score cannot), the bar stops at the edge with an arrowhead and the
// value it reaches, and the caption says so.

import { trajectorySample } from '@/lib/cohort/report';
import type { CohortReport, ReportMeasure, TrajectoryPoint } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS, type FollowUpPoint } from '@/lib/cohort/windows';
import { MAX_PATIENT_LINES } from '@/lib/documents/report-labels';
import { visitField } from '@/lib/visits/fields';
import { niceTicks } from './axis';
import { COLORS, FIGURE_HEIGHT_IN, FIGURE_WIDTH_IN, escapeXml, heading, line, num, svgDocument, text, yAxis, yScale, type Figure, type Plot } from './svg';

const TIME_POINTS = ['baseline', ...FOLLOW_UP_POINTS] as const;
type TimePoint = 'baseline' | FollowUpPoint;

const X_LABELS: Record<TimePoint, string> = { baseline: 'Baseline', m3: 'Month 3', m6: 'Month 6', final: 'Final' };
const HOVER_LABELS: Record<TimePoint, string> = { baseline: 'Baseline', m3: 'Month 3', m6: 'Month 6', final: 'Final follow-up' };

export type TrajectoryPanel = 'cdasi' | 'mmt8' | 'prednisone';

type PanelSpec = {
  title: string;
  axisTitle: string;
  measure: ReportMeasure & keyof TrajectoryPoint;
  /** The instrument's maximum; null when the measure has none. */
  scaleMax: number | null;
};

function panelSpec(report: CohortReport, panel: TrajectoryPanel): PanelSpec {
  switch (panel) {
    case 'cdasi':
      return { title: 'CDASI activity', axisTitle: 'CDASI activity (points)', measure: 'cdasi_activity', scaleMax: visitField('cdasiActivity').max ?? 100 };
    case 'mmt8':
      return { title: `MMT8 (0–${report.settings.mmt8_max})`, axisTitle: 'MMT8 (points)', measure: 'mmt8', scaleMax: report.settings.mmt8_max };
    case 'prednisone':
      return { title: 'Prednisone-equivalent dose', axisTitle: 'Prednisone (mg/day)', measure: 'prednisone_mg_day', scaleMax: null };
  }
}

// Above and below the plot, a band for an SD bar's arrowhead and the value it reaches.
const PLOT: Plot = { left: 64, right: 452, top: 58, bottom: 222 };
const xOf = (i: number) => PLOT.left + ((PLOT.right - PLOT.left) * (i + 0.5)) / TIME_POINTS.length;

/** A value as the figure prints it, with a true minus sign. */
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)).replace('-', '−');

/** An arrowhead whose base is on the axis end at (x, y), pointing out of the plot: up (dir −1) or down (dir 1). */
function arrow(x: number, y: number, dir: -1 | 1): string {
  const tip = y + dir * 9;
  return `<path d="M${num(x - 4.5)} ${num(y)}L${num(x)} ${num(tip)}L${num(x + 4.5)} ${num(y)}Z" fill="${COLORS.mean}"/>`;
}

export function trajectoryFigure(report: CohortReport, panel: TrajectoryPanel): Figure {
  const spec = panelSpec(report, panel);
  const row = report.measures[spec.measure];
  const cells = TIME_POINTS.map((tp) => (tp === 'baseline' ? row.baseline : row[tp]));
  const drawn = trajectorySample(report.trajectories, MAX_PATIENT_LINES);
  const lines = drawn.map((t) =>
    TIME_POINTS.map((tp) => t.points.find((p) => p.time_point === tp)?.[spec.measure] ?? null),
  );

  let largest = 0;
  for (const values of lines) for (const v of values) if (v !== null) largest = Math.max(largest, v);
  for (const c of cells) if (c.mean !== null) largest = Math.max(largest, c.mean + (spec.scaleMax === null ? (c.sd ?? 0) : 0));
  const ticks =
    spec.scaleMax !== null && largest <= spec.scaleMax ? niceTicks(0, spec.scaleMax, { exact: true }) : niceTicks(0, Math.max(largest, 5));
  const y = yScale(PLOT, ticks);
  const top = ticks.at(-1)!;

  // Each drawn patient: one path, a move to the first value and a line to each next one.
  let patientPath = '';
  const lonePoints: string[] = [];
  for (const values of lines) {
    const at = values.flatMap((v, i) => (v === null ? [] : [[xOf(i), y(v)] as const]));
    if (at.length === 1) lonePoints.push(`<circle cx="${num(at[0]![0])}" cy="${num(at[0]![1])}" r="1.5" fill="${COLORS.patient}"/>`);
    else at.forEach(([px, py], k) => (patientPath += `${k === 0 ? 'M' : 'L'}${num(px)} ${num(py)}`));
  }

  const means = cells.flatMap((c, i) => (c.mean === null ? [] : [{ i, mean: c.mean, sd: c.sd, n: c.n }]));
  const meanPath = means.map((m, k) => `${k === 0 ? 'M' : 'L'}${num(xOf(m.i))} ${num(y(m.mean))}`).join('');
  let cut = false;
  const bars = means.flatMap(({ i, mean, sd }) => {
    if (sd === null || sd === 0) return [];
    const x = xOf(i);
    const hi = mean + sd;
    const lo = mean - sd;
    const out = [line(x, y(Math.min(hi, top)), x, y(Math.max(lo, 0)), COLORS.mean, 1.5)];
    if (hi > top) {
      cut = true;
      out.push(arrow(x, y(top), -1), text(x + 7, y(top) - 2, fmt(hi), { anchor: 'start', fill: COLORS.mean }));
    } else out.push(line(x - 5, y(hi), x + 5, y(hi), COLORS.mean, 1.5));
    if (lo < 0) {
      cut = true;
      out.push(arrow(x, y(0), 1), text(x + 7, y(0) + 10, fmt(lo), { anchor: 'start', fill: COLORS.mean }));
    } else out.push(line(x - 5, y(lo), x + 5, y(lo), COLORS.mean, 1.5));
    return out;
  });
  const points = means.map(
    ({ i, mean, sd, n }) =>
      `<circle cx="${num(xOf(i))}" cy="${num(y(mean))}" r="4" fill="${COLORS.mean}"><title>${escapeXml(
        `${HOVER_LABELS[TIME_POINTS[i]!]}: mean ${fmt(mean)}${sd === null ? '' : ` ± SD ${fmt(sd)}`}, n ${n}`,
      )}</title></circle>`,
  );

  const legendY = 36;
  const body = [
    ...heading(spec.title, [
      line(8, legendY - 4, 26, legendY - 4, COLORS.patient, 1.5),
      text(30, legendY, drawn.length < report.trajectories.length ? `${drawn.length} of ${report.trajectories.length} patients` : 'Each patient', { anchor: 'start', fill: COLORS.muted }),
      line(190, legendY - 4, 208, legendY - 4, COLORS.mean, 2.5),
      `<circle cx="199" cy="${legendY - 4}" r="3.5" fill="${COLORS.mean}"/>`,
      text(212, legendY, 'Mean ± SD (all patients)', { anchor: 'start', fill: COLORS.muted }),
    ]),
    ...yAxis(PLOT, ticks, spec.axisTitle, (t) => String(t)),
    ...TIME_POINTS.flatMap((tp, i) => [
      line(xOf(i), PLOT.bottom, xOf(i), PLOT.bottom + 4, COLORS.axis),
      text(xOf(i), PLOT.bottom + 25, X_LABELS[tp]),
      text(xOf(i), PLOT.bottom + 40, `n = ${cells[i]!.n}`, { fill: COLORS.muted }),
    ]),
    text((PLOT.left + PLOT.right) / 2, PLOT.bottom + 59, 'Time on the JAK inhibitor'),
    patientPath ? `<path d="${patientPath}" fill="none" stroke="${COLORS.patient}" stroke-width="0.75" stroke-opacity="0.8"/>` : '',
    ...lonePoints,
    meanPath ? `<path d="${meanPath}" fill="none" stroke="${COLORS.mean}" stroke-width="2.5"/>` : '',
    ...bars,
    ...points,
    means.length === 0 ? text((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, 'No values recorded', { fill: COLORS.muted }) : '',
  ].filter(Boolean);

  const sample =
    drawn.length < report.trajectories.length
      ? `Grey: ${drawn.length} of the ${report.trajectories.length} patients, evenly spread in code order.`
      : 'Grey: each patient.';
  const range = spec.scaleMax === null ? 'the axis (doses are 0 or more)' : `the scale (0–${spec.scaleMax})`;
  const caption =
    `${spec.title} at baseline, month 3, month 6 and final follow-up (the last follow-up visit). ${sample} ` +
    `Red: mean ± SD (sample SD) over all patients with a value; n under each time point. ` +
    (cut
      ? `Where mean ± SD passes the end of ${range}, the SD bar stops at the axis with an arrowhead and the value it reaches.`
      : `An SD bar that passed the end of ${range} would stop at the axis with an arrowhead and the value it reaches.`);
  return {
    name: panel,
    title: spec.title,
    caption,
    svg: svgDocument(`${spec.title}: mean ± SD and each patient's course`, body),
    widthIn: FIGURE_WIDTH_IN,
    heightIn: FIGURE_HEIGHT_IN,
  };
}
