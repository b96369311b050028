import fs from 'node:fs';
import { getDb } from '@/db/client';
import { listAllSites } from '@/db/queries/sites';
import { makeGroupedReport, makeReport } from '@/server/make-report';
import { REPORT_GROUPINGS, type ReportGrouping } from '@/lib/cohort/groups';
import { REPORT_FORMATS, type ReportFormat } from '@/lib/api/parameters';
import { reportDocument, reportJson } from '@/server/report-file';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run report -- --cohort CODE [--site SITE] [--format ${REPORT_FORMATS.join('|')}] [--include patients] [--by ${REPORT_GROUPINGS.join('|')}] [--out FILE]
The JSON is the summary; --include patients adds each patient's trajectory and IMACS rows.
--by splits the report by the JAKi drug started, the myositis antibody or the site, beside all patients.`;

const { values } = cliArgs(
  {
    options: {
      cohort: { type: 'string' },
      site: { type: 'string' },
      format: { type: 'string', default: 'json' },
      include: { type: 'string' },
      by: { type: 'string' },
      out: { type: 'string' },
    },
  },
  USAGE,
);

await runCli(async () => {
  if (
    !values.cohort ||
    !REPORT_FORMATS.includes(values.format as ReportFormat) ||
    (values.include !== undefined && values.include !== 'patients') ||
    (values.by !== undefined && !REPORT_GROUPINGS.includes(values.by as ReportGrouping))
  ) {
    console.error(USAGE);
    return 2;
  }
  if ((values.format === 'pdf' || values.format === 'docx') && !values.out) {
    console.error(`A ${values.format === 'pdf' ? 'PDF' : 'Word document'} needs --out FILE.`);
    return 2;
  }
  const db = await getDb();
  const siteIds = (await listAllSites(db)).map((s) => s.id);
  const args = { cohortCode: values.cohort, siteIds, siteCode: values.site ?? null };
  const by = values.by as ReportGrouping | undefined;
  const grouped = by ? await makeGroupedReport(db, { ...args, by }) : null;
  const report = grouped ? grouped.all : await makeReport(db, args);
  if (!report) {
    console.error(`No cohort ${values.cohort}.`);
    return 1;
  }
  const format = values.format as ReportFormat;
  const body =
    format === 'json'
      ? `${JSON.stringify(reportJson(report, grouped, values.include === 'patients'), null, 2)}\n`
      : (await reportDocument(report, grouped, format)).body;
  if (values.out) fs.writeFileSync(values.out, body);
  else process.stdout.write(body);
  return 0;
});
