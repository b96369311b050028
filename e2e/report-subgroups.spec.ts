import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test } from './fixtures';

// The report split into subgroups: the demo cohort's 20 patients started baricitinib (8),
// ruxolitinib (7) or tofacitinib (5), at NORD (12) and SUD (8).

// Several pages, downloads and an axe scan per test, on a machine that may be busy.
test.describe.configure({ timeout: 120_000 });

test('a coordinator splits the report by JAKi drug: a table per group after all patients, and downloads that carry the split', async ({ pageAs }, testInfo) => {
  const page = await pageAs('coordinator');
  await page.goto('/cohorts/DEMO-JAKI/report');
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
  await expect(split).toContainText('20 patients in 3 groups');
  const groups = split.getByRole('heading', { level: 3 });
  await expect(groups).toHaveText(['Baricitinib n 8', 'Ruxolitinib n 7', 'Tofacitinib n 5']);
  // The all-patients table comes first and stays whole.
  await expect(page.getByRole('region', { name: 'Trajectory table', exact: true }).getByRole('row', { name: /^CDASI activity/ }).getByRole('cell').first()).toContainText('n 20');
  const baricitinib = split.getByRole('region', { name: 'Trajectory table, Baricitinib' });
  await expect(baricitinib.getByRole('row', { name: /^CDASI activity/ }).getByRole('cell').first()).toContainText('n 8');

  for (const name of ['Download CSV', 'Download PDF', 'JSON']) await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute('href', /&by=drug$/);

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\n')[0]).toBe('group,section,item,time_point,n,of,mean,sd,n_paired,p_wilcoxon,p_ttest,wilcoxon_method');
  expect(csv).toMatch(/^all,trajectory,cdasi_activity,baseline,20,/m);
  expect(csv).toMatch(/^tofacitinib,trajectory,cdasi_activity,baseline,5,/m);

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download PDF' }).click();
  const text = execFileSync('pdftotext', ['-layout', await (await pdfDownload).path(), '-'], { encoding: 'utf8' });
  expect(text.indexOf('Trajectory by JAKi drug')).toBeGreaterThan(text.indexOf('Methods'));
  expect(text).toContain('Ruxolitinib (n 7)');

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
  await page.goto('/cohorts/DEMO-JAKI/report?by=drug');
  await page.getByLabel('Split by').selectOption('');
  await page.getByLabel('Site').selectOption('SUD');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cohort DEMO-JAKI, SUD' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Trajectory by/ })).toHaveCount(0);
  await page.getByLabel('Split by').selectOption('site');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('region', { name: 'Trajectory by site' }).getByRole('heading', { level: 3 })).toHaveText(['SUD n 8']);
});

test('the report API splits by drug, antibody or site, refuses anything else, and records the split in the export entry', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  const get = (query: string) => page.request.get(`/api/v1/cohorts/DEMO-JAKI/report?format=json${query}`);

  const plain = await (await get('')).json();
  expect(plain.by).toBeUndefined();
  expect(plain.groups).toBeUndefined();

  const bySite = await (await get('&by=site')).json();
  expect(bySite.patients).toBe(20);
  expect(bySite.by).toBe('site');
  expect(bySite.groups.map((g: { key: string; patients: number }) => [g.key, g.patients])).toEqual([
    ['NORD', 12],
    ['SUD', 8],
  ]);
  expect(bySite.groups[0].report.trajectories).toBeUndefined();
  const { by: _by, groups: _groups, ...all } = bySite;
  expect(all).toEqual(plain);

  const byAntibody = await (await get('&by=antibody&include=patients')).json();
  const counted = byAntibody.groups.reduce((sum: number, g: { patients: number }) => sum + g.patients, 0);
  expect(counted).toBe(20);
  expect(byAntibody.groups[0].report.trajectories).toHaveLength(byAntibody.groups[0].patients);

  const refused = await get('&by=dose');
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({ error: 'by must be one of drug, antibody, site' });
  expect((await page.request.get('/api/v1/cohorts/DEMO-JAKI/report?format=csv&by=dose')).status()).toBe(400);

  const admin = await pageAs('admin');
  const trail = await (await admin.request.get('/api/v1/audit?entity=report&record=DEMO-JAKI&action=export')).text();
  expect(trail).toContain('""by"":""antibody""');
});
