import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

const fixture = (...p: string[]) => path.join(import.meta.dirname, '..', 'fixtures', ...p);

test('a bad cohort file is refused with its file, line and column, and nothing is imported', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/patients');
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('patients.csv').setInputFiles(fixture('bad', 'patients.csv'));
  await page.getByLabel('visits.csv').setInputFiles(fixture('bad', 'visits.csv'));
  await page.getByRole('button', { name: 'Import' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(alert).toContainText('visits.csv:2: cdasi_activity: 140 is above the maximum of 100');
  await page.goto('/patients?q=BAD-1');
  await expect(page.getByRole('cell', { name: 'No patients found.' })).toBeVisible();
});

test('a coordinator uploads a cohort, reads its report and figure, and downloads the CSV and the PDF', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/patients');
  await page.getByRole('link', { name: 'Import' }).click();
  await page.getByLabel('patients.csv').setInputFiles(fixture('pilot', 'patients.csv'));
  await page.getByLabel('visits.csv').setInputFiles(fixture('pilot', 'visits.csv'));
  await page.getByLabel('adverse_events.csv').setInputFiles(fixture('pilot', 'adverse_events.csv'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 4 patients, 11 visits, 1 adverse event, 0 relapses.');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohorts' }).click();
  await page.getByRole('link', { name: 'Report for E2E-PILOT' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cohort E2E-PILOT' })).toBeVisible();
  const cdasi = page.getByRole('row', { name: /^CDASI activity/ });
  // Baseline 30, 20, 25, 15: mean 22.5, SD √(125/3) = 6.45; month 3: 10, 12, 20, 5: 11.75 ± 6.24.
  await expect(cdasi.getByRole('cell').nth(0)).toHaveText('22.5 ± 6.5 n 4');
  await expect(cdasi.getByRole('cell').nth(1)).toContainText('11.8 ± 6.2 n 4');
  // One P per cell, from the primary test, with its pairs; the test named under the table.
  await expect(cdasi.getByRole('cell').nth(1)).toContainText(/P (\.\d\d\d?|< \.001) · 4 pairs/);
  await expect(page.getByText(/P: two-sided Wilcoxon signed-rank test against baseline/)).toBeVisible();
  await expect(page.getByText(/The paired t-test is shown on hover and in the CSV and JSON\./)).toBeVisible();
  // No patient has the six core-set measures: not a table of zeros.
  await expect(page.getByRole('region', { name: 'IMACS response' })).toContainText('Not assessable');
  // The figures drawn on the server: four patients' lines under the mean ± SD, n under each time point.
  const cdasiFigure = page.getByRole('figure', { name: 'CDASI activity' });
  await expect(cdasiFigure.getByRole('img', { name: /^CDASI activity: mean ± SD/ })).toBeVisible();
  await expect(cdasiFigure.locator('text').filter({ hasText: /^n = / })).toHaveText(['n = 4', 'n = 4', 'n = 3', 'n = 4']);
  await expect(cdasiFigure).toContainText('Grey: each patient.');
  await expect(page.getByRole('figure', { name: /^MMT8/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'JAK-inhibitor continuation' })).toContainText('At risk');
  // One treatment-emergent event (a DVT on day 126, JAKi withdrawn) in four patients.
  const events = page.getByRole('region', { name: 'Adverse events', exact: true });
  await expect(events.getByRole('row', { name: /^Patients with an event/ })).toContainText('1 / 4');
  await expect(events.getByRole('row', { name: /^Of special interest/ })).toContainText('1');
  await expect(events.getByRole('row', { name: /^Leading to discontinuation/ })).toContainText('1');
  await expect(events.getByRole('row', { name: /^Venous thromboembolism/ })).toContainText('1');
  await expect(page.getByRole('region', { name: 'Relapses' })).toContainText('0 relapses in 0 patients');

  // The JSON is the summary unless the patients are asked for.
  const summary = await (await page.request.get('/api/v1/cohorts/E2E-PILOT/report?format=json')).json();
  expect(summary.patients).toBe(4);
  expect(summary.trajectories).toBeUndefined();
  expect(Object.keys(summary.imacs)).toEqual(['counts']);
  const full = await (await page.request.get('/api/v1/cohorts/E2E-PILOT/report?format=json&include=patients')).json();
  expect(full.trajectories).toHaveLength(4);
  expect((await page.request.get('/api/v1/cohorts/E2E-PILOT/report?format=json&include=everything')).status()).toBe(400);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('section,item,time_point,n,of,mean,sd,n_paired,p_wilcoxon,p_ttest,wilcoxon_method');
  expect(csv).toContain('trajectory,cdasi_activity,baseline,4,,22.5,6.454972243679028,,,,');

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const pdfPath = await (await pdfDownload).path();
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Cohort E2E-PILOT');
  expect(text).toContain('22.5 ± 6.5 (4)');
  expect(text).toContain('11.8 ± 6.2 (4)');
  expect(text).toContain('Venous thromboembolism');
  expect(text).toMatch(/Patients with an event\s+1\s*\/\s*4/);
  expect(text).toMatch(/leading to discontinuation\s+1/);
  expect(csv).toContain('adverse_events,leading_to_discontinuation,,1,1,');

  // The Word document: the same tables as the PDF, and the four figures as pictures.
  const docxDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download Word' }).click();
  const docx = await docxDownload;
  expect(docx.suggestedFilename()).toBe('report-E2E-PILOT.docx');
  const files = unzipSync(new Uint8Array(fs.readFileSync(await docx.path())));
  const xml = strFromU8(files['word/document.xml']!);
  const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
  expect(words).toContain('Table 2. Trajectory: mean ± SD (n)');
  expect(words).toContain('22.5 ± 6.5 (4)');
  expect(words).toContain('11.8 ± 6.2 (4)');
  expect(words).toContain('Venous thromboembolism');
  expect(words).toContain('Figure 4.');
  expect(Object.keys(files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toHaveLength(4);
});
