import 'server-only';
import { groupedReportJson, type GroupedReport } from '@/lib/cohort/groups';
import type { ReportFormat } from '@/lib/api/parameters';
import { reportSummary } from '@/lib/cohort/report';
import type { CohortReport } from '@/lib/cohort/report-types';
import { groupedReportCsv, reportCsv } from '@/lib/documents/report-csv';
import { reportPdf } from '@/lib/documents/report-pdf';
import { reportWordDocument } from './report-docx';

// The report in each of its formats, for the API route and the command line alike.

/** The JSON value: the summary, or with the per-patient arrays; with the groups when split. */
export function reportJson(report: CohortReport, grouped: GroupedReport | null, includePatients: boolean) {
  return grouped ? groupedReportJson(grouped, { includePatients }) : includePatients ? report : reportSummary(report);
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The report as a CSV, PDF or Word file, with its content type. */
export async function reportDocument(
  report: CohortReport,
  grouped: GroupedReport | null,
  format: Exclude<ReportFormat, 'json'>,
): Promise<{ body: string | Buffer; contentType: string }> {
  const body =
    format === 'csv'
      ? grouped
        ? groupedReportCsv(grouped)
        : reportCsv(report)
      : format === 'docx'
        ? await reportWordDocument(report, grouped ?? undefined)
        : await reportPdf(report, grouped ?? undefined);
  return { body, contentType: CONTENT_TYPES[format] };
}
