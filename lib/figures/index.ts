// Every figure of the cohort report, as SVG text with its size: one source for the page, the
// downloads (SVG, and PNG through server/figure-png.ts), the PDF and any other document.

import type { CohortReport } from '@/lib/cohort/report-types';
import { continuationFigure } from './continuation';
import { FIGURE_NAMES, type Figure, type FigureName } from './svg';
import { trajectoryFigure } from './trajectory';

export { FIGURE_NAMES, type Figure, type FigureName } from './svg';

export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name);
}

export function reportFigure(report: CohortReport, name: FigureName): Figure {
  return name === 'continuation' ? continuationFigure(report) : trajectoryFigure(report, name);
}

/** The report's figures in the order the page and the PDF show them. */
export function reportFigures(report: CohortReport): Figure[] {
  return FIGURE_NAMES.map((name) => reportFigure(report, name));
}
