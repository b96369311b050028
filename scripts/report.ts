import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { getDb } from '@/db/client';
import { listAllSites } from '@/db/queries/sites';
import { makeReport } from '@/server/make-report';
import { reportSummary } from '@/lib/cohort/report';
import { reportCsv } from '@/lib/documents/report-csv';
import { reportPdf } from '@/lib/documents/report-pdf';
import { runCli } from './cli';

const USAGE = `Usage: npm run report -- --cohort CODE [--site SITE] [--format json|csv|pdf] [--include patients] [--out FILE]
The JSON is the summary; --include patients adds each patient's trajectory and IMACS rows.`;

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      cohort: { type: 'string' },
      site: { type: 'string' },
      format: { type: 'string', default: 'json' },
      include: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.cohort || !['json', 'csv', 'pdf'].includes(values.format) || (values.include !== undefined && values.include !== 'patients')) {
    console.error(USAGE);
    return 2;
  }
  if (values.format === 'pdf' && !values.out) {
    console.error('A PDF needs --out FILE.');
    return 2;
  }
  const db = await getDb();
  const siteIds = (await listAllSites(db)).map((s) => s.id);
  const report = await makeReport(db, { cohortCode: values.cohort, siteIds, siteCode: values.site ?? null });
  if (!report) {
    console.error(`No cohort ${values.cohort}.`);
    return 1;
  }
  const body =
    values.format === 'json'
      ? `${JSON.stringify(values.include ? report : reportSummary(report), null, 2)}\n`
      : values.format === 'csv'
        ? reportCsv(report)
        : await reportPdf(report);
  if (values.out) fs.writeFileSync(values.out, body);
  else process.stdout.write(body);
  return 0;
});
