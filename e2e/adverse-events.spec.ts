import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

test('a serious herpes zoster is recorded, found by the auditor under special interest, its history opened and reviewed', async ({ pageAs }) => {
  const clinician = await pageAs('clinician');
  const code = uniqueCode('AE');
  const patientUrl = await createPatient(clinician, code);
  await clinician.getByRole('link', { name: 'Record adverse event' }).click();
  await clinician.getByLabel('Verbatim term').fill('Herpes zoster, T10 dermatome');
  await clinician.getByLabel('Category').selectOption('herpes_zoster');
  await expect(clinician.getByText('is an adverse event of special interest')).toBeVisible();
  await clinician.getByLabel('Onset date').fill('2025-03-02');
  await clinician.getByLabel('CTCAE grade').selectOption('3');
  await clinician.getByLabel('Hospitalisation or its prolongation').check();
  await expect(clinician.getByText('Serious: yes')).toBeVisible();
  await clinician.getByLabel('Relatedness to the JAK inhibitor').selectOption('probable');
  await clinician.getByLabel('Action with the JAK inhibitor').selectOption('interrupted');
  await clinician.getByLabel('Outcome').selectOption('recovering');
  await clinician.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(clinician).toHaveURL(new RegExp(`${patientUrl.replace(/[/.]/g, '\\$&')}#adverse-events$`));
  const row = clinician.getByRole('table', { name: 'Adverse events' }).getByRole('row', { name: /Herpes zoster, T10/ });
  await expect(row).toContainText('serious');
  await expect(row).toContainText('special interest');

  // The auditor's pages are not the clinician's.
  for (const path of ['/adverse-events', '/audit']) {
    const response = await clinician.goto(path);
    expect(response?.status()).toBe(404);
  }
  await expect(clinician.getByRole('link', { name: 'Adverse events' })).toHaveCount(0);

  const auditor = await pageAs('auditor');
  await auditor.goto('/patients');
  await auditor.getByRole('link', { name: 'Adverse events' }).click();
  await auditor.getByLabel('Special interest').selectOption('yes');
  await auditor.getByLabel('Reviewed').selectOption('no');
  await auditor.getByRole('button', { name: 'Filter' }).click();
  await expect(auditor).toHaveURL(/special=yes/);
  const listed = auditor.getByRole('row', { name: new RegExp(code) });
  await expect(listed).toContainText('serious');
  await listed.getByRole('link', { name: /Herpes zoster/ }).click();
  await expect(auditor.getByRole('heading', { level: 1, name: 'Herpes zoster, T10 dermatome' })).toBeVisible();

  await auditor.getByRole('link', { name: 'History' }).click();
  await expect(auditor.getByRole('heading', { name: 'Adverse event history' })).toBeVisible();
  await expect(auditor.getByRole('heading', { name: /Created, version 1/ })).toBeVisible();
  await expect(auditor.getByText('Claire Martin (clinician@demo.test)')).toBeVisible();
  await auditor.goBack();

  await auditor.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(auditor.getByText('Review comment is required')).toBeVisible();
  await auditor.getByLabel('Review comment').fill('Hospitalised for IV aciclovir; JAKi interrupted. Expected AESI.');
  await auditor.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(auditor.getByRole('status').filter({ hasText: 'Reviewed' })).toContainText('Expected AESI');

  await auditor.goto('/adverse-events?reviewed=yes&special=yes');
  await expect(auditor.getByRole('row', { name: new RegExp(code) })).toContainText('reviewed');
  await auditor.getByRole('link', { name: 'Audit trail' }).click();
  await auditor.getByLabel('Action').selectOption('review');
  await auditor.getByRole('button', { name: 'Filter' }).click();
  await expect(auditor.getByRole('row', { name: /IV aciclovir/ })).toContainText('Marc Dubois');
});

test('a grade 5 event asks for the death date and records it on the patient', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await createPatient(page, uniqueCode('G5'));
  await page.getByRole('link', { name: 'Record adverse event' }).click();
  await page.getByLabel('Verbatim term').fill('Septic shock');
  await page.getByLabel('Category').selectOption('serious_infection');
  await page.getByLabel('Onset date').fill('2025-06-01');
  await page.getByLabel('CTCAE grade').selectOption('5');
  await page.getByLabel('Results in death').check();
  await page.getByLabel('Outcome').selectOption('fatal');
  await page.getByLabel('Ongoing').uncheck();
  await page.getByLabel('End date').fill('2025-06-03');
  await expect(page.getByLabel("Patient's death date")).toBeVisible();
  await page.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(page.getByText(/death date/i).first()).toBeVisible();
  await page.getByLabel("Patient's death date").fill('2025-06-03');
  await page.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const death = page.locator('dl.facts > div', { has: page.locator('dt', { hasText: /^Death$/ }) });
  await expect(death.locator('dd')).toHaveText('2025-06-03');
});
