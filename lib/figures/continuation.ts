// The JAK-inhibitor continuation figure: the report's Kaplan–Meier curve (jaki_continuation)
// as a step line from 100 % at day 0, a tick where a patient was censored, and the numbers at
// risk under the time axis.

import { DAYS_PER_MONTH } from '@/lib/cohort/continuation';
import type { CohortReport } from '@/lib/cohort/report-types';
import { monthTicks, niceTicks } from './axis';
import { COLORS, FIGURE_HEIGHT_IN, FIGURE_WIDTH_IN, heading, line, num, svgDocument, text, yAxis, yScale, type Figure, type Plot } from './svg';

// The left margin holds the "At risk" label beside the first number.
const PLOT: Plot = { left: 84, right: 452, top: 50, bottom: 212 };
const TITLE = 'JAK-inhibitor continuation';

/** "14.2 months", or that the curve never fell to one half. */
function medianText(medianDays: number | null): string {
  return medianDays === null ? 'median not reached' : `median ${(medianDays / DAYS_PER_MONTH).toFixed(1)} months`;
}

export function continuationFigure(report: CohortReport): Figure {
  const { steps, at_risk: atRisk, median_days: medianDays } = report.jaki_continuation;
  const xTicks = monthTicks((steps.at(-1)?.day ?? 0) / DAYS_PER_MONTH);
  const x = (day: number) => PLOT.left + (day / DAYS_PER_MONTH / xTicks.at(-1)!) * (PLOT.right - PLOT.left);
  const yTicks = niceTicks(0, 100, { exact: true });
  const y = yScale(PLOT, yTicks);

  // The step line: flat until each day with an event, then down to the new estimate.
  let path = `M${num(x(0))} ${num(y(100))}`;
  let survival = 1;
  for (const s of steps) {
    if (s.survival !== survival) path += `H${num(x(s.day))}V${num(y(100 * s.survival))}`;
    survival = s.survival;
  }
  if (steps.length) path += `H${num(x(steps.at(-1)!.day))}`;

  // One tick per censoring day, and only one where ticks would print on top of each other.
  const ticksAt = new Set<string>();
  const censorTicks: string[] = [];
  for (const s of steps) {
    if (s.censored === 0) continue;
    const cx = Math.round(x(s.day));
    const cy = Math.round(y(100 * s.survival));
    if (ticksAt.has(`${cx},${cy}`)) continue;
    ticksAt.add(`${cx},${cy}`);
    censorTicks.push(`M${cx} ${cy - 5}v10`);
  }

  const ended = steps.reduce((n, s) => n + s.events, 0);
  const legendY = 36;
  const atRiskY = PLOT.bottom + 62;
  const body = [
    ...heading(TITLE, [
      line(8, legendY - 4, 26, legendY - 4, COLORS.curve, 2.5),
      text(30, legendY, `Kaplan–Meier estimate, ${medianText(medianDays)}`, { anchor: 'start', fill: COLORS.muted }),
      `<path d="M372 ${legendY - 9}v10" stroke="${COLORS.curve}" stroke-width="1.5"/>`,
      text(378, legendY, 'censored', { anchor: 'start', fill: COLORS.muted }),
    ]),
    ...yAxis(PLOT, yTicks, 'On the JAK inhibitor (%)'),
    ...xTicks.flatMap((m) => [
      line(x(m * DAYS_PER_MONTH), PLOT.bottom, x(m * DAYS_PER_MONTH), PLOT.bottom + 4, COLORS.axis),
      text(x(m * DAYS_PER_MONTH), PLOT.bottom + 17, String(m), { fill: COLORS.muted }),
      // Past the longest time nobody is at risk; the report lists the months up to it.
      text(x(m * DAYS_PER_MONTH), atRiskY, String(atRisk.find((r) => r.month === m)?.n ?? 0)),
    ]),
    text((PLOT.left + PLOT.right) / 2, PLOT.bottom + 34, 'Months since the JAK-inhibitor start'),
    text(PLOT.left - 18, atRiskY, 'At risk', { anchor: 'end', weight: 'bold' }),
    steps.length
      ? `<path d="${path}" fill="none" stroke="${COLORS.curve}" stroke-width="2.5"><title>${report.patients} patients, ${ended} stopped or died</title></path>`
      : text((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, 'No patients', { fill: COLORS.muted }),
    censorTicks.length ? `<path d="${censorTicks.join('')}" stroke="${COLORS.curve}" stroke-width="1.5"/>` : '',
  ].filter(Boolean);

  const caption =
    `Kaplan–Meier estimate of the share of the ${report.patients} patients still on the JAK inhibitor, from each patient's start (month 0); ` +
    `${ended} ended it by a stop or a death. A patient still on it is censored (tick) at the end of follow-up, else the last visit, ` +
    `else the report date (${report.as_of}). Numbers at risk under the axis; ${medianText(medianDays)}.`;
  return {
    name: 'continuation',
    title: TITLE,
    caption,
    svg: svgDocument(`${TITLE}: Kaplan–Meier curve with the numbers at risk`, body),
    widthIn: FIGURE_WIDTH_IN,
    heightIn: FIGURE_HEIGHT_IN,
  };
}
