import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// The second data contract as a clinician meets it in the visit, patient and relapse forms
// (issue "Entry that cannot corrupt a record"), and cohorts that end as a coordinator sees them.

/** A visit through the form: date, type and whatever fields are given by label. */
async function addVisit(page: Page, patientUrl: string, date: string, fields: Record<string, string> = {}, selects: Record<string, string> = {}) {
  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill(date);
  for (const [label, value] of Object.entries(selects)) await page.getByLabel(label, { exact: true }).selectOption(value);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save visit' }).click();
}

test('the visit form shows the previous value and the change from baseline, and the prednisone equivalent of another glucocorticoid as it is typed', async ({
  pageAs,
}) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('CTX'));
  await addVisit(page, patientUrl, '2025-01-10', { 'CDASI activity': '31', MMT8: '118', 'Prednisone equivalent (mg/day)': '20' });
  await expect(page).toHaveURL(patientUrl);

  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill('2025-04-15');
  await expect(page.getByText('previous 31', { exact: false }).first()).toBeVisible();
  await page.getByLabel('CDASI activity', { exact: true }).fill('24');
  await expect(page.locator('#f-cdasiActivity-hint')).toContainText('−7 from baseline 31');
  await page.getByLabel('MMT8', { exact: true }).fill('126');
  await expect(page.locator('#f-mmt8-hint')).toContainText('+8 from baseline 118');

  await page.getByLabel('Glucocorticoid', { exact: true }).selectOption('methylprednisolone');
  await page.getByLabel('Glucocorticoid dose (mg/day)').fill('16');
  const prednisone = page.getByLabel('Prednisone equivalent (mg/day)');
  await expect(prednisone).toHaveValue('20');
  await expect(prednisone).toHaveAttribute('readonly', '');
  await expect(page.locator('#f-prednisoneMgDay-hint')).toContainText('16 mg/day methylprednisolone × 5/4');
  // A dose that is no number has no equivalent: the last one would belong to another dose.
  await page.getByLabel('Glucocorticoid dose (mg/day)').fill('abc');
  await expect(prednisone).toHaveValue('');
  await page.getByLabel('Glucocorticoid dose (mg/day)').fill('12');
  await expect(prednisone).toHaveValue('15');
  await page.getByLabel('JAK inhibitor dose (mg/day)').fill('2');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(/saved=follow_up/);
  await expect(page.getByRole('table', { name: /Visits of/ })).toContainText('15 (methylprednisolone 12 mg/day)');
  // The summary gives the dose of the latest visit beside the start dose.
  await expect(page.locator('dd', { hasText: 'mg/day from' })).toContainText('4 mg/day from 2025-01-15 · 2 mg/day at the visit of 2025-04-15');

  // Back on prednisone, the previous dose names its drug: 12 mg of methylprednisolone is no 12 mg of prednisone.
  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill('2025-07-15');
  await page.getByLabel('Glucocorticoid', { exact: true }).selectOption('prednisone');
  await expect(page.locator('#f-steroidMgDay-hint')).toContainText('previous 12 mg/day methylprednisolone');
  await expect(page.locator('#f-prednisoneMgDay-hint')).toContainText('previous 15 (methylprednisolone 12 mg/day)');
});

test('after a visit with IVIG ongoing, Stopped is offered first and None is questioned', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('IVIG'));
  await addVisit(page, patientUrl, '2025-01-10', {}, { IVIG: 'ongoing' });
  await expect(page).toHaveURL(patientUrl);

  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill('2025-04-15');
  const ivig = page.getByLabel('IVIG', { exact: true });
  await expect(ivig.locator('option')).toHaveText(['Not recorded', 'Ongoing', 'Stopped', 'None']);
  await ivig.selectOption('none');
  const question = page.getByRole('group', { name: 'IVIG: stopped or none?' });
  await expect(question).toContainText('IVIG was ongoing at the previous visit (2025-01-10)');
  // Saving while the question stands is refused at the field.
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.locator('#f-ivig-error')).toHaveText('IVIG was ongoing at the previous visit: record it as stopped, or keep none');
  await question.getByRole('button', { name: 'Record as stopped' }).click();
  await expect(ivig).toHaveValue('stopped');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(/saved=follow_up/);
  await expect(page.getByRole('table', { name: /Visits of/ })).toContainText('Stopped');
});

test('recording a death offers to stop the JAK inhibitor; a visit after the death is refused at its date, the rest of the form kept', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('DEAD'));
  await addVisit(page, patientUrl, '2025-01-10', { 'CDASI activity': '20' });
  await expect(page).toHaveURL(patientUrl);

  await page.goto(`${patientUrl}/edit`);
  await page.getByLabel('Death date').fill('2025-06-01');
  const offer = page.getByRole('group', { name: 'Stop the JAK inhibitor at death' });
  await expect(offer).toBeVisible();
  // Nothing changes until the user accepts.
  await expect(page.getByLabel('Stop date', { exact: true })).toHaveValue('');
  await offer.getByRole('button', { name: 'Stop on 2025-06-01 (reason: death)' }).click();
  await expect(page.getByLabel('Stop date', { exact: true })).toHaveValue('2025-06-01');
  await expect(page.getByLabel('Stop reason')).toHaveValue('death');
  await page.getByLabel('Reason', { exact: true }).fill('Death reported by the family doctor');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(patientUrl);
  await expect(page.getByText('JAK inhibitor stopped')).toBeVisible();

  await page.goto(`${patientUrl}/visits/new`);
  await expect(page.getByRole('note')).toContainText('The patient died on 2025-06-01: no visit can be dated after it.');
  // A stopped JAK inhibitor's dose is not carried into a new visit.
  await expect(page.getByLabel('JAK inhibitor dose (mg/day)')).toHaveValue('');
  await page.getByLabel('Visit date').fill('2025-07-01');
  await page.getByLabel('CDASI activity', { exact: true }).fill('9');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.locator('#f-visitDate-error')).toHaveText('No visit can be dated after 2025-06-01: the patient died on 2025-06-01');
  await expect(page.getByLabel('Visit date')).toBeFocused();
  await expect(page.getByLabel('CDASI activity', { exact: true })).toHaveValue('9');
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toBeVisible();
});

test('a relapse is recorded, voided with a reason and seen in its history', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('REL'));
  await page.getByRole('link', { name: 'Record relapse' }).click();
  await page.getByLabel('Relapse date').fill('2025-03-02');
  await page.getByLabel('Domain').selectOption('muscle');
  await page.getByLabel('Action taken').selectOption('steroid_increase');
  await page.getByRole('button', { name: 'Save relapse' }).click();
  await expect(page).toHaveURL(new RegExp(`${patientUrl}#relapses$`));
  const relapses = page.getByRole('table', { name: 'Relapses' });
  await expect(relapses).toContainText('2025-03-02');
  await expect(relapses).toContainText('Glucocorticoids increased');

  // The same domain on the same day is the same relapse.
  await page.getByRole('link', { name: 'Record relapse' }).click();
  await page.getByLabel('Relapse date').fill('2025-03-02');
  await page.getByLabel('Domain').selectOption('muscle');
  await page.getByRole('button', { name: 'Save relapse' }).click();
  await expect(page.locator('#f-domain-error')).toHaveText('There is already a muscle relapse on 2025-03-02');

  await page.goto(patientUrl);
  await page.getByRole('link', { name: 'Edit muscle relapse of 2025-03-02' }).click();
  await page.getByText('Void this relapse').click();
  await page.getByLabel('Reason for voiding').fill('An infection, not a relapse');
  await page.getByRole('button', { name: 'Void relapse' }).click();
  await expect(page).toHaveURL(patientUrl);
  await expect(page.getByText('No relapses recorded.')).toBeVisible();
});

test('a relapse history names the fields as the form does and keeps the void', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('RLH'));
  await page.goto(`${patientUrl}/relapses/new`);
  await page.getByLabel('Relapse date').fill('2025-04-01');
  await page.getByLabel('Domain').selectOption('skin');
  await page.getByRole('button', { name: 'Save relapse' }).click();
  await expect(page).toHaveURL(new RegExp(`${patientUrl}#relapses$`));
  await page.getByRole('link', { name: 'Edit skin relapse of 2025-04-01' }).click();
  await expect(page).toHaveURL(/\/relapses\/[^/]+\/edit$/);
  const editUrl = page.url();
  await page.getByText('Void this relapse').click();
  await page.getByLabel('Reason for voiding').fill('Entered on the wrong patient');
  await page.getByRole('button', { name: 'Void relapse' }).click();
  await expect(page).toHaveURL(patientUrl);
  await page.goto(editUrl.replace(/\/edit$/, '/history'));
  await expect(page.getByRole('heading', { name: 'Relapse history' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Relapse date' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Skin' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Voided, version 2' })).toBeVisible();
  await expect(page.getByText('Reason: Entered on the wrong patient')).toBeVisible();
  await expect(page.getByText(/relapseDate|voidReason/)).toHaveCount(0);
});

test('cohorts that end: deceased and ended patients are never overdue, and the list filters by follow-up', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/patients?status=ended');
  const table = page.getByRole('table', { name: /Patients with/ });
  const dead = table.getByRole('row', { name: /NRD-011/ });
  await expect(dead).toContainText('Deceased');
  await expect(dead).not.toContainText('overdue');
  const ended = table.getByRole('row', { name: /SUD-016/ });
  await expect(ended).toContainText('Follow-up ended');
  await expect(ended).not.toContainText('overdue');

  await page.goto('/patients?status=overdue');
  await expect(page.getByRole('table', { name: /Patients with/ })).not.toContainText('NRD-011');
  await expect(page.getByRole('table', { name: /Patients with/ })).not.toContainText('SUD-016');
  for (const row of await page.getByRole('table', { name: /Patients with/ }).locator('tbody tr').all()) await expect(row).toContainText('overdue');

  await page.goto('/patients?q=SUD-016');
  await page.getByRole('link', { name: 'SUD-016' }).click();
  await expect(page.getByText('none: follow-up ended')).toBeVisible();
});
