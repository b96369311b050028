import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

test('a clinician creates a patient, enters the baseline through both calculators and a follow-up, and sees both', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const code = uniqueCode('E2E');
  await createPatient(page, code);

  // Baseline, item by item.
  await page.getByRole('link', { name: 'Add visit' }).click();
  await expect(page.getByLabel('Visit type')).toHaveValue('baseline');
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await page.getByLabel('Scalp erythema').fill('2');
  await page.getByLabel('Scalp scale').fill('1');
  await page.getByLabel('Cheeks (malar) erythema').fill('3');
  await page.getByLabel('Upper back and shoulders erythema').fill('2');
  await page.getByLabel('Upper back and shoulders poikiloderma').fill('1');
  await page.getByLabel("Gottron's on the hands erythema").fill('2');
  await page.getByLabel("Gottron's papules on the hands").check();
  await page.getByLabel('Periungual changes').fill('1');
  // The calculator starts empty: the other cells are counted as absent on request, and the
  // totals change only when its scores are used.
  await page.getByRole('button', { name: 'Count the 73 empty cells as 0 (absent)' }).click();
  await expect(page.getByLabel('CDASI activity')).toHaveValue('');
  await page.getByRole('group', { name: 'CDASI calculator' }).getByRole('button', { name: 'Use these scores' }).click();
  // 2+1 + 3 + 2 + 2×2 + 1 = 13 activity; poikiloderma 1 = 1 damage
  await expect(page.getByLabel('CDASI activity')).toHaveValue('13');
  await expect(page.getByLabel('CDASI damage')).toHaveValue('1');

  // MMT8 grades are typed, none defaults to 10.
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  const mmt8 = page.getByRole('group', { name: 'MMT8 calculator' });
  for (const input of await mmt8.getByRole('textbox').all()) await input.fill('10');
  await page.getByLabel('Neck flexors').fill('8');
  await page.getByLabel('Deltoid right').fill('9');
  await page.getByLabel('Quadriceps left').fill('T');
  await mmt8.getByRole('button', { name: 'Use these scores' }).click();
  // 150 − 2 − 1 − 10 = 137
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('137');

  await page.getByLabel('Prednisone equivalent (mg/day)').fill('15');
  await page.getByLabel('IVIG', { exact: true }).selectOption('ongoing');
  await page.getByLabel('IVIG dose (g/kg)').fill('2');
  await page.getByLabel('IVIG interval (weeks)').fill('4');
  await page.getByLabel('Active cutaneous disease').selectOption('yes');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: code })).toBeVisible();

  // Follow-up, totals typed.
  await page.getByRole('link', { name: 'Add visit' }).click();
  await expect(page.getByLabel('Visit type')).toHaveValue('follow_up');
  await page.getByLabel('Visit date').fill('2025-04-16');
  await page.getByLabel('CDASI activity').fill('6');
  await page.getByLabel('CDASI damage').fill('1');
  await page.getByLabel('MMT8', { exact: true }).fill('142');
  await page.getByLabel('Prednisone equivalent (mg/day)').fill('7.5');
  await page.getByLabel('IVIG', { exact: true }).selectOption('stopped');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: code })).toBeVisible();

  const rows = page.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('2025-01-10');
  await expect(rows.nth(0)).toContainText('Baseline');
  await expect(rows.nth(0)).toContainText('13');
  await expect(rows.nth(0)).toContainText('137');
  await expect(rows.nth(0)).toContainText('Ongoing (2 g/kg every 4 weeks)');
  await expect(rows.nth(1)).toContainText('2025-04-16');
  await expect(rows.nth(1)).toContainText('Follow-up');
  await expect(rows.nth(1)).toContainText('142');
  await expect(rows.nth(1)).toContainText('7.5');
  await expect(page.getByRole('figure', { name: /CDASI activity and MMT8/ }).locator('.recharts-line')).toHaveCount(2);

  // The calculator's items were stored: the edit form reopens them.
  await page.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  await expect(page.getByLabel('Scalp erythema')).toHaveValue('2');
  await expect(page.getByLabel('Quadriceps left')).toHaveValue('T');
});

test('an invalid value shows its message at the field, keeps what was typed, and saves nothing', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const code = uniqueCode('BAD');
  const patientUrl = await createPatient(page, code);
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByLabel('CDASI activity').fill('140');
  await page.getByLabel('CDASI damage').fill('4');
  await page.getByLabel('MMT8', { exact: true }).fill('120');
  await page.getByLabel('Prednisone equivalent (mg/day)').fill('20');
  await page.getByRole('button', { name: 'Save visit' }).click();

  const activity = page.getByLabel('CDASI activity');
  await expect(page.getByText('CDASI activity must be between 0 and 100')).toBeVisible();
  await expect(activity).toHaveAttribute('aria-invalid', 'true');
  await expect(activity).toHaveAccessibleDescription(/CDASI activity must be between 0 and 100/);
  await expect(activity).toHaveValue('140');
  await expect(page.getByLabel('CDASI damage')).toHaveValue('4');
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('120');
  await expect(page.getByLabel('Prednisone equivalent (mg/day)')).toHaveValue('20');

  await page.goto(patientUrl);
  await expect(page.getByRole('cell', { name: /No visits yet/ })).toBeVisible();
});

test('the server refuses a follow-up dated before the baseline, with the message at the date', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const code = uniqueCode('ORD');
  const patientUrl = await createPatient(page, code);
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByLabel('CDASI activity').fill('20');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(patientUrl);

  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-05');
  await page.getByLabel('CDASI activity').fill('12');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByText('A follow-up must be dated after the baseline (2025-01-10)')).toBeVisible();
  await expect(page.getByLabel('CDASI activity')).toHaveValue('12');

  await page.getByLabel('Visit type').selectOption('baseline');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByText('This patient already has a baseline visit (2025-01-10)')).toBeVisible();
});
