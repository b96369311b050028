import { expect, test } from './fixtures';

// A coordinator changes a cohort's report settings: a wrong window is refused at its field
// with the rest kept, the saved settings show in the report's methods and its decimals, and a
// clinician has no way in. DEMO-JAKI's settings are put back at the end (windows, scale and
// decimals), for the specs that read its report.

test('the report settings form refuses overlapping windows at the field, then saves with a reason', async ({ pageAs }, testInfo) => {
  // Three saves and five pages, on a machine that may be busy.
  test.setTimeout(180_000);
  const page = await pageAs('coordinator');
  await page.goto('/cohorts/DEMO-JAKI/report');
  await page.getByRole('link', { name: 'Report settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Report settings of DEMO-JAKI' })).toBeVisible();

  const m6 = page.getByRole('group', { name: /Month 6 window/ });
  await m6.getByLabel('From (day)').fill('120');
  await page.getByLabel('MMT8 scale').selectOption('80');
  await page.getByLabel('Reason').fill('Muscles scored on one side at this centre');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(m6.getByText(/windows must not overlap/)).toBeVisible();
  await expect(page.getByLabel('MMT8 scale')).toHaveValue('80');

  await m6.getByLabel('From (day)').fill('140');
  await page.getByRole('group', { name: /Month 3 window/ }).getByLabel('Target (day)').fill('84');
  await page.getByLabel('Mean ± SD printed with').selectOption('2');
  await page.screenshot({ path: testInfo.outputPath('report-settings.png'), fullPage: true });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page).toHaveURL(/\/cohorts\/DEMO-JAKI\/report$/);
  const methods = page.getByRole('region', { name: 'Methods' });
  await expect(methods).toContainText('closest to day 84 within days 46–136');
  await expect(methods).toContainText('within days 140–227');
  // Two decimals in every mean ± SD of the table; the JSON keeps every digit and says 2.
  const cdasi = page.getByRole('region', { name: 'Trajectory table', exact: true }).getByRole('row', { name: /^CDASI activity/ });
  for (const cell of await cdasi.getByRole('cell').all()) await expect(cell).toContainText(/^\d+\.\d\d ± \d+\.\d\d n \d+/);
  const json = await (await page.request.get('/api/v1/cohorts/DEMO-JAKI/report?format=json')).json();
  expect(json.settings.decimals).toBe(2);
  expect(String(json.measures.cdasi_activity.baseline.sd).split('.')[1]!.length).toBeGreaterThan(2);

  // A second form opened on the old version is refused, not saved over the first.
  await page.goto('/cohorts/DEMO-JAKI/settings');
  const stale = await pageAs('admin');
  await stale.goto('/cohorts/DEMO-JAKI/settings');
  await page.getByLabel('MMT8 scale').selectOption('150');
  await page.getByRole('group', { name: /Month 3 window/ }).getByLabel('Target (day)').fill('91');
  await page.getByRole('group', { name: /Month 6 window/ }).getByLabel('From (day)').fill('137');
  await expect(page.getByLabel('Mean ± SD printed with')).toHaveValue('2');
  await page.getByLabel('Mean ± SD printed with').selectOption('1');
  await page.getByLabel('Reason').fill('Back to the protocol windows');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page).toHaveURL(/\/cohorts\/DEMO-JAKI\/report$/);
  await expect(page.getByRole('region', { name: 'Trajectory table', exact: true }).getByRole('row', { name: /^CDASI activity/ }).getByRole('cell').first()).toContainText(
    /^\d+\.\d ± \d+\.\d n \d+$/,
  );
  await stale.getByLabel('Reason').fill('A change made on an old copy');
  await stale.getByRole('button', { name: 'Save settings' }).click();
  await expect(stale.getByRole('alert').filter({ hasText: 'changed by someone else' })).toBeVisible();

  const clinician = await pageAs('clinician');
  await clinician.goto('/cohorts/DEMO-JAKI/report');
  await expect(clinician.getByRole('link', { name: 'Report settings' })).toHaveCount(0);
  expect((await clinician.goto('/cohorts/DEMO-JAKI/settings'))?.status()).toBe(404);
});
