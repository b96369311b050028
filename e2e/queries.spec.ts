import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// Queries on data: an auditor raises a query on a visit's CK, the clinician sees it counted in
// the navigation, on the patient page and beside the field, answers it by changing the value
// with a reason, and the auditor closes it. A clinician has no way to close it.

async function waiting(page: Page): Promise<number> {
  const text = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queries/ }).innerText();
  return Number(text.match(/\d+/)?.[0] ?? 0);
}

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('an auditor raises a query, the clinician answers it with a value change and a reason, the auditor closes it', async ({ pageAs }, testInfo) => {
  test.setTimeout(180_000);
  const clinician = await pageAs('clinician');
  const code = uniqueCode('QRY');
  const patientUrl = await createPatient(clinician, code);
  await clinician.goto(`${patientUrl}/visits/new`);
  await clinician.getByLabel('Visit date').fill('2025-01-10');
  await clinician.getByLabel('CK (U/L)', { exact: true }).fill('180');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);
  const before = await waiting(clinician);

  // The auditor raises it from the visit's row.
  const auditor = await pageAs('auditor');
  await auditor.goto(patientUrl);
  await auditor.getByRole('link', { name: 'Raise a query on visit of 2025-01-10' }).click();
  await auditor.getByRole('button', { name: 'Raise the query' }).click();
  await expect(auditor.getByText('Choose the field the query is about')).toBeVisible();
  await auditor.getByLabel('Field').selectOption({ label: 'CK (U/L)' });
  await auditor.getByLabel('Question').fill('The lab report says 1800 U/L: please check');
  await auditor.getByRole('button', { name: 'Raise the query' }).click();
  await expect(auditor.getByRole('heading', { name: 'Query on CK (U/L)' })).toBeVisible();
  const queryUrl = auditor.url();
  await expect(auditor.getByRole('button', { name: 'Close the query' })).toBeVisible();

  // The clinician sees it counted, on the patient page and beside the field.
  await clinician.goto(patientUrl);
  expect(await waiting(clinician)).toBe(before + 1);
  const panel = clinician.getByRole('region', { name: 'Queries' });
  await expect(panel.getByRole('link', { name: 'The lab report says 1800 U/L: please check' })).toBeVisible();
  await expect(clinician.getByRole('link', { name: 'Open query on CK of the visit of 2025-01-10' })).toBeVisible();
  await shoot(clinician, testInfo, 'patient-page');
  await panel.getByRole('link', { name: 'The lab report says 1800 U/L: please check' }).click();
  await expect(clinician.getByRole('button', { name: 'Close the query' })).toHaveCount(0);
  await clinician.getByRole('link', { name: 'Change the value in the form' }).click();
  await expect(clinician.getByRole('note').filter({ hasText: 'You are answering the query' })).toBeVisible();
  await expect(clinician.getByRole('note').filter({ hasText: 'query open' })).toContainText('The lab report says 1800 U/L');
  await expectNoViolations(clinician);
  await shoot(clinician, testInfo, 'edit-form');
  await clinician.getByLabel('CK (U/L)', { exact: true }).fill('1800');
  await clinician.getByLabel('Reason', { exact: true }).fill('Typed 180 for 1800: corrected from the lab report');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL(queryUrl);
  await expect(clinician.getByText('answered', { exact: true })).toBeVisible();
  await expect(clinician.getByText('Typed 180 for 1800: corrected from the lab report')).toBeVisible();
  await expect(clinician.getByText(/Value changed: version 2 of the record/)).toBeVisible();
  expect(await waiting(clinician)).toBe(before);

  // The auditor closes it; the visit's history shows every step.
  await auditor.reload();
  await auditor.getByLabel('Closing comment (optional)').fill('Matches the source');
  await auditor.getByRole('button', { name: 'Close the query' }).click();
  await expect(auditor.getByText('closed', { exact: true })).toBeVisible();
  await expect(auditor.getByRole('button', { name: 'Send back' })).toBeVisible();
  await expectNoViolations(auditor);
  await shoot(auditor, testInfo, 'query-page');
  await auditor.getByRole('link', { name: 'see the change in its history' }).click();
  for (const step of ['Query raised', 'Query answered', 'Query closed']) await expect(auditor.getByText(step, { exact: true }).first()).toBeVisible();
  await expect(auditor.getByRole('row', { name: 'CK 180 U/L → 1800 U/L' })).toBeVisible();

  // The Queries list, filtered to the patient, and its CSV.
  await auditor.goto(`/queries?patient=${code}`);
  const row = auditor.getByRole('row').filter({ hasText: 'The lab report says 1800 U/L' });
  await expect(row).toContainText('closed');
  await expect(row).toContainText(`${code} · visit 2025-01-10`);
  await expectNoViolations(auditor);
  await shoot(auditor, testInfo, 'queries-list');
  const csv = await auditor.request.get(`/api/v1/queries?patient=${code}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('The lab report says 1800 U/L: please check');

  // The casebook PDF holds the query with every step.
  const pdf = await auditor.request.get(`/api/v1/patients/${new URL(patientUrl).pathname.split('/')[2]}/casebook`);
  expect(pdf.status()).toBe(200);
  const pdfPath = testInfo.outputPath('casebook.pdf');
  fs.writeFileSync(pdfPath, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Queries on the data');
  expect(text).toContain('The lab report says 1800 U/L: please check');
  expect(text).toMatch(/Answered, value changed \(version 2\)/);
});

test('another site’s clinician sees no query of NORD, and a coordinator cannot close the auditor’s query', async ({ pageAs }) => {
  const auditor = await pageAs('auditor');
  const code = uniqueCode('QRY');
  const clinician = await pageAs('clinician');
  const patientUrl = await createPatient(clinician, code);
  await auditor.goto(`${patientUrl}/query`);
  await auditor.getByLabel('Field').selectOption({ label: 'Birth year' });
  await auditor.getByLabel('Question').fill('Birth year as on the ID?');
  await auditor.getByRole('button', { name: 'Raise the query' }).click();
  await expect(auditor.getByRole('heading', { name: 'Query on Birth year' })).toBeVisible();
  const queryUrl = auditor.url();

  const sud = await pageAs('clinicianSud');
  const answer = await sud.goto(queryUrl);
  expect(answer?.status()).toBe(404);
  await sud.goto(`/queries?patient=${code}`);
  await expect(sud.getByText('No queries match.')).toBeVisible();

  const coordinator = await pageAs('coordinator');
  await coordinator.goto(queryUrl);
  await expect(coordinator.getByRole('heading', { name: 'Query on Birth year' })).toBeVisible();
  await expect(coordinator.getByRole('button', { name: 'Close the query' })).toHaveCount(0);
  // A coordinator answers (they enter clinical data), without changing the value.
  await coordinator.getByRole('textbox', { name: 'Answer' }).fill('As on the ID card');
  await coordinator.getByRole('button', { name: 'Answer without changing the value' }).click();
  await expect(coordinator.getByText('As on the ID card')).toBeVisible();
  await expect(coordinator.getByText('answered', { exact: true })).toBeVisible();
});
