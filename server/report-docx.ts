import 'server-only';
import type { GroupedReport } from '@/lib/cohort/groups';
import type { CohortReport } from '@/lib/cohort/report-types';
import { reportDocx } from '@/lib/documents/report-docx';
import { reportFigures } from '@/lib/figures';
import { figurePng } from './figure-png';

/** The report as a Word document, its figures as the same 300-dpi PNG the page offers for download. */
export function reportWordDocument(report: CohortReport, grouped?: GroupedReport): Promise<Buffer> {
  const figures = reportFigures(report).map((f) => ({ title: f.title, caption: f.caption, png: figurePng(f.svg, f.widthIn), widthIn: f.widthIn, heightIn: f.heightIn }));
  return reportDocx(report, figures, grouped);
}
