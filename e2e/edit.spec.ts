import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

test('editing a visit asks for a reason, and a second concurrent edit is refused', async ({ pageAs }) => {
  const first = await pageAs('clinician');
  const code = uniqueCode('EDIT');
  const patientUrl = await createPatient(first, code);
  await first.getByRole('link', { name: 'Add visit' }).click();
  await first.getByLabel('Visit date').fill('2025-01-10');
  await first.getByLabel('CDASI activity').fill('20');
  await first.getByRole('button', { name: 'Save visit' }).click();
  await expect(first).toHaveURL(patientUrl);

  const second = await pageAs('coordinator');
  await second.goto(patientUrl);
  await second.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await expect(second.getByRole('heading', { name: 'Edit baseline visit of 2025-01-10' })).toBeVisible();
  await first.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await expect(first.getByRole('heading', { name: 'Edit baseline visit of 2025-01-10' })).toBeVisible();

  await first.getByLabel('CDASI activity').fill('22');
  await first.getByRole('button', { name: 'Save visit' }).click();
  await expect(first.getByText(/Give a reason for the change/)).toBeVisible();
  await first.getByLabel('Reason', { exact: true }).fill('Transcription error: 22 on the paper form');
  await first.getByRole('button', { name: 'Save visit' }).click();
  await expect(first).toHaveURL(patientUrl);
  await expect(first.getByRole('table', { name: `Visits of ${code}` })).toContainText('22');

  await second.getByLabel('CDASI activity').fill('25');
  await second.getByLabel('Reason', { exact: true }).fill('Recounted');
  await second.getByRole('button', { name: 'Save visit' }).click();
  await expect(second.getByRole('alert').filter({ hasText: 'changed by someone else' })).toBeVisible();
  await expect(second.getByLabel('CDASI activity')).toHaveValue('25');

  await second.goto(patientUrl);
  const row = second.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr').first();
  // Columns: date, type, month, CDASI activity: the first save stands.
  await expect(row.getByRole('cell').nth(3)).toHaveText('22');
});
