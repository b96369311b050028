import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { problemOf } from './problem';

// The report split into subgroups, on a cohort of its own (other specs add patients to the
// demo cohort): fixtures/subgroups holds 7 patients who started baricitinib (3),
// ruxolitinib (2) or tofacitinib (2), at NORD (4) and SUD (3).
const COHORT = 'E2E-SUBGROUPS';

// Several pages, downloads and an axe scan per test, on a machine that may be busy.
test.describe.configure({ timeout: 120_000 });

// Each test may run first (or alone): the cohort is imported once, by whichever needs it.
async function withCohort(page: Page) {
  if ((await page.request.get(`/api/v1/cohorts/${COHORT}/report?format=json`)).ok()) return;
  const fixture = (name: string) => path.join(import.meta.dirname, '..', 'fixtures', 'subgroups', name);
  await page.goto('/import');
  await page.getByLabel('patients.csv').setInputFiles(fixture('patients.csv'));
  await page.getByLabel('visits.csv').setInputFiles(fixture('visits.csv'));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 7 patients, 14 visits');
}

test('a coordinator splits the report by JAKi drug: a table per group after all patients, and downloads that carry the split', async ({ pageAs }, testInfo) => {
  const page = await pageAs('coordinator');
  await withCohort(page);
  await page.goto(`/cohorts/${COHORT}/report`);
  await expect(page.getByRole('region', { name: /^Trajectory by/ })).toHaveCount(0);

  // Keyboard only: the selector, then the button.
  await page.getByLabel('Split by').focus();
  await page.getByLabel('Split by').selectOption('drug');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Show' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]by=drug/);
  await expect(page.getByLabel('Split by')).toHaveValue('drug');

  const split = page.getByRole('region', { name: 'Trajectory by JAKi drug' });
  await expect(split).toContainText('7 patients in 3 groups');
  const groups = split.getByRole('heading', { level: 3 });
  await expect(groups).toHaveText(['Baricitinib n 3', 'Ruxolitinib n 2', 'Tofacitinib n 2']);
  // The all-patients table comes first and stays whole.
  await expect(page.getByRole('region', { name: 'Trajectory table', exact: true }).getByRole('row', { name: /^CDASI activity/ }).getByRole('cell').first()).toContainText('n 7');
  const baricitinib = split.getByRole('region', { name: 'Trajectory table, Baricitinib' });
  await expect(baricitinib.getByRole('row', { name: /^CDASI activity/ }).getByRole('cell').first()).toContainText('n 3');

  for (const name of ['Download CSV', 'Download PDF', 'JSON']) await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('href', /&by=drug$/);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('group,section,item,time_point,n,of,mean,sd,n_paired,p_wilcoxon,p_ttest,wilcoxon_method');
  expect(csv).toMatch(/^all,trajectory,cdasi_activity,baseline,7,/m);
  expect(csv).toMatch(/^tofacitinib,trajectory,cdasi_activity,baseline,2,/m);

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const text = execFileSync('pdftotext', ['-layout', await (await pdfDownload).path(), '-'], { encoding: 'utf8' });
  expect(text.indexOf('Trajectory by JAKi drug')).toBeGreaterThan(text.indexOf('Methods'));
  expect(text).toContain('Ruxolitinib (n 2)');

  await page.screenshot({ path: testInfo.outputPath('report-by-drug-1366.png'), fullPage: true });
  // A phone: the page never scrolls sideways (the tables scroll in their cards), and axe finds nothing.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.locator('form.search').screenshot({ path: testInfo.outputPath('report-by-drug-390-form.png') });
  await split.screenshot({ path: testInfo.outputPath('report-by-drug-390-groups.png') });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the split sits beside the site selector: one site split by site, and back to none', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await withCohort(page);
  await page.goto(`/cohorts/${COHORT}/report?by=drug`);
  await page.getByLabel('Split by').selectOption('');
  await page.getByLabel('Site').selectOption('SUD');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Cohort ${COHORT}, SUD` })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Trajectory by/ })).toHaveCount(0);
  await page.getByLabel('Split by').selectOption('site');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('region', { name: 'Trajectory by site' }).getByRole('heading', { level: 3 })).toHaveText(['SUD n 3']);
});

test('the report API splits by drug, antibody or site, refuses anything else, and records the split in the export entry', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await withCohort(page);
  const get = (query: string) => page.request.get(`/api/v1/cohorts/${COHORT}/report?format=json${query}`);

  const plain = await (await get('')).json();
  expect(plain.by).toBeUndefined();
  expect(plain.groups).toBeUndefined();

  const bySite = await (await get('&by=site')).json();
  expect(bySite.patients).toBe(7);
  expect(bySite.by).toBe('site');
  expect(bySite.groups.map((g: { key: string; patients: number }) => [g.key, g.patients])).toEqual([
    ['NORD', 4],
    ['SUD', 3],
  ]);
  expect(bySite.groups[0].report.trajectories).toBeUndefined();
  const { by: _by, groups: _groups, ...all } = bySite;
  expect(all).toEqual(plain);

  const byAntibody = await (await get('&by=antibody&include=patients')).json();
  const counted = byAntibody.groups.reduce((sum: number, g: { patients: number }) => sum + g.patients, 0);
  expect(counted).toBe(7);
  expect(byAntibody.groups[0].report.trajectories).toHaveLength(byAntibody.groups[0].patients);

  const refused = await get('&by=dose');
  expect(refused.status()).toBe(400);
  expect((await problemOf(refused)).errors).toEqual({ '#/by': 'by must be one of drug, antibody, site' });
  expect((await page.request.get(`/api/v1/cohorts/${COHORT}/report?format=csv&by=dose`)).status()).toBe(400);

  const admin = await pageAs('admin');
  const trail = await (await admin.request.get(`/api/v1/audit?entity=report&record=${COHORT}&action=export`)).text();
  expect(trail).toContain('""by"":""antibody""');
});
