import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the main pages pass an axe check', async ({ page: visitor, pageAs }) => {
  await visitor.goto('/login');
  await expectNoViolations(visitor);

  const page = await pageAs('coordinator');
  await page.goto('/patients');
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'NRD-001' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-001' })).toBeVisible();
  await expect(page.locator('.recharts-line').first()).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  await expectNoViolations(page);

  await page.goto('/patients/new');
  await expectNoViolations(page);
});

test('the admin page passes an axe check', async ({ pageAs }) => {
  const page = await pageAs('admin');
  await page.goto('/admin/users');
  await expectNoViolations(page);
});

test('the report, import, adverse-event and audit pages pass an axe check', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/cohorts/DEMO-JAKI/report');
  await expect(page.getByRole('img', { name: /^CDASI activity: mean ± SD/ })).toBeVisible();
  await expectNoViolations(page);
  await page.goto('/import');
  await expectNoViolations(page);
  await page.goto('/patients');
  await page.getByRole('link', { name: 'NRD-001' }).click();
  await page.getByRole('link', { name: 'Record adverse event' }).click();
  await page.getByLabel('Category').selectOption('herpes_zoster');
  await expectNoViolations(page);
  await page.goBack();
  await page.getByRole('link', { name: 'History' }).first().click();
  await expectNoViolations(page);

  const auditor = await pageAs('auditor');
  await auditor.goto('/adverse-events');
  await expectNoViolations(auditor);
  await auditor.goto('/audit');
  await expectNoViolations(auditor);
});
