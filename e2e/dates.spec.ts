import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// Dates are typed and shown one way across the app: YYYY-MM-DD, digits alone accepted.

test('dates typed as digits are shown, saved and listed as YYYY-MM-DD', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const code = uniqueCode('DATE');
  const patientUrl = await createPatient(page, code);

  await page.getByRole('link', { name: 'Add visit' }).click();
  const visitDate = page.getByLabel('Visit date');
  await expect(visitDate).toHaveAttribute('type', 'text');
  await expect(visitDate).toHaveAttribute('inputmode', 'numeric');
  await expect(visitDate).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  // Keyboard only: select what is there, type the digits, move on.
  await visitDate.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('20250110');
  await expect(visitDate).toHaveValue('2025-01-10');
  await page.keyboard.press('Tab');
  await page.getByLabel('CDASI activity').fill('20');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(patientUrl);
  await expect(page.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr').first()).toContainText('2025-01-10');

  // Other separators are rewritten on leaving the field.
  await page.goto(`${patientUrl}/edit`);
  const stop = page.getByLabel('Stop date');
  await stop.fill('2025/6/3');
  await stop.blur();
  await expect(stop).toHaveValue('2025-06-03');
});

test('an impossible date is named at its field and nothing is saved', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const code = uniqueCode('NODATE');
  const patientUrl = await createPatient(page, code);
  await page.goto(`${patientUrl}/edit`);
  const death = page.getByLabel('Death date');
  await death.pressSequentially('20250231');
  await expect(death).toHaveValue('2025-02-31');
  await page.getByLabel('Reason', { exact: true }).fill('Testing a wrong date');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(death).toHaveAccessibleDescription('Death date must be a date (YYYY-MM-DD)');
  await expect(death).toBeFocused();
  await page.goto(patientUrl);
  await expect(page.getByText('Death', { exact: true })).toHaveCount(0);
});

test("the auditor's filters take dates the same way", async ({ pageAs }) => {
  const page = await pageAs('auditor');
  await page.goto('/adverse-events');
  await page.getByLabel('Onset from').pressSequentially('20250101');
  await page.getByLabel('Onset from').press('Enter');
  await expect(page).toHaveURL(/from=2025-01-01/);
  await expect(page.getByLabel('Onset from')).toHaveValue('2025-01-01');

  await page.goto('/audit?from=2025-13-01');
  await expect(page.getByRole('form', { name: 'Filter the audit trail' }).getByLabel('From', { exact: true })).toHaveAccessibleDescription('From must be a date (YYYY-MM-DD); it was not applied');
});
