import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// Markup typed into free text is shown as text on every page that shows it, never run; and a
// text that looks like a spreadsheet formula leaves the CSV downloads with an apostrophe before it.

const XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
const TERM = `=HYPERLINK("http://evil.test","zona") ${XSS}`;
const REASON = `@SUM(1+1) ${XSS} "quoted" 'single'`;
const COMMENT = `+1 ${XSS} 😀 مراجعة`;

/** The page shows `text` literally, and nothing it holds ran or became an element. */
async function expectInert(page: Page, text?: string) {
  if (text) await expect(page.getByText(text).first()).toBeVisible();
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.trim() === 'window.__xss=1'))).toBe(false);
}

/** The CSV line of a download that holds `needle`. */
async function csvLine(page: Page, url: string, needle: string): Promise<string> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const line = (await response.text()).split('\n').find((l) => l.includes(needle));
  expect(line, `no line with ${needle} in ${url}`).toBeTruthy();
  return line!;
}

test('markup in a term, a reason and a review comment is text on every page, and formulas leave the CSVs neutralised', async ({ pageAs }) => {
  const clinician = await pageAs('clinician');
  clinician.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  const code = uniqueCode('XSS');
  const patientUrl = await createPatient(clinician, code);

  await clinician.getByRole('link', { name: 'Record adverse event' }).click();
  await clinician.getByLabel('Verbatim term').fill(TERM);
  await clinician.getByLabel('Category').selectOption('other');
  await clinician.getByLabel('Onset date').fill('2025-03-02');
  await clinician.getByLabel('CTCAE grade').selectOption('1');
  await clinician.getByLabel('Outcome').selectOption('recovering');
  await clinician.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(clinician).toHaveURL(new RegExp(`${patientUrl.replace(/[/.]/g, '\\$&')}#adverse-events$`));
  await expectInert(clinician, TERM);
  await clinician.screenshot({ path: 'test-results/escaping-patient-page.png', fullPage: true });

  await clinician.getByRole('link', { name: /^Edit adverse event / }).click();
  await expect(clinician.getByLabel('Verbatim term')).toHaveValue(TERM);
  await expectInert(clinician);
  await clinician.getByLabel('CTCAE grade').selectOption('2');
  await clinician.getByLabel('Reason', { exact: true }).fill(REASON);
  await clinician.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(clinician).toHaveURL(new RegExp(`${patientUrl.replace(/[/.]/g, '\\$&')}#adverse-events$`));

  await clinician.getByRole('link', { name: /^History of adverse event / }).click();
  await expect(clinician.getByRole('heading', { name: 'Adverse event history' })).toBeVisible();
  await expectInert(clinician, REASON);
  await expectInert(clinician, TERM);

  const auditor = await pageAs('auditor');
  auditor.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await auditor.goto('/adverse-events');
  const row = auditor.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText(TERM);
  await expectInert(auditor);
  await auditor.screenshot({ path: 'test-results/escaping-ae-listing.png', fullPage: true });

  await row.getByRole('link', { name: /HYPERLINK/ }).click();
  await expect(auditor.getByRole('heading', { level: 1, name: TERM })).toBeVisible();
  await expectInert(auditor);
  await auditor.getByLabel('Review comment').fill(COMMENT);
  await auditor.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(auditor.getByRole('status').filter({ hasText: 'Reviewed' })).toContainText(COMMENT);
  await expectInert(auditor, COMMENT);

  await auditor.goto('/audit?entity=adverse_event&action=update');
  await expectInert(auditor, REASON);
  await auditor.goto('/cohorts/DEMO-JAKI/report');
  await expectInert(auditor);

  // Downloads: the term and the reason start with = and @; a spreadsheet must not run them.
  const listing = await csvLine(auditor, '/api/v1/adverse-events/line-listing?format=csv', code);
  expect(listing).toContain(`"'=HYPERLINK(""http://evil.test"",""zona"") <script>window.__xss=1</script>`);
  const trail = await csvLine(auditor, '/api/v1/audit?entity=adverse_event&action=update', '@SUM(1+1)');
  expect(trail).toContain(`"'@SUM(1+1) <script>`);
  for (const line of [listing, trail]) expect(line).not.toMatch(/(^|,)"?[=@]/);
});

test('an import file over the size limit is refused in the browser, before it is sent', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/import');
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  const big = Buffer.alloc(11 * 1024 * 1024, 'a,');
  await page.getByLabel('patients.csv').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: big });
  await page.getByRole('button', { name: 'Import' }).click();
  const alert = page.getByRole('form', { name: 'Import a cohort' }).getByRole('alert');
  await expect(alert).toContainText('Nothing was imported: 1 problem.');
  await expect(alert).toContainText('patients.csv:1: file: the file is 11.0 MB, more than the 10 MB an import file may hold');
  expect(posts).toEqual([]);
});

test('a cohort and a site imported under markup codes are listed as text', async ({ pageAs }) => {
  const cohort = `<img src=x onerror=window.__xss=3>`;
  const site = `<b>S</b>${Date.now().toString(36)}`;
  const code = uniqueCode('XI');
  const header = 'patient_code,site,cohort,sex,birth_year,jaki_drug,jaki_dose_mg_day,jaki_start_date,death_cause,death_date';
  const patients = `\ufeff${header}\r\n${code},${site},${cohort},F,1970,baricitinib,4,2024-01-10,"${XSS.replaceAll('"', '""')}",2024-06-01\r\n`;
  const page = await pageAs('admin');
  await page.goto('/import');
  await page.getByLabel('patients.csv').setInputFiles({ name: 'patients.csv', mimeType: 'text/csv', buffer: Buffer.from(patients) });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').first()).toContainText('Imported 1 patient,');
  await expect(page.getByRole('status').first()).toContainText(cohort);
  await expectInert(page);
  await page.goto('/cohorts');
  await expectInert(page, cohort);
});
