import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// The CDASI and MMT8 calculators: nothing in the form changes until "Use these scores", a typed
// total is replaced only after asking, and each cell is checked against its own range.

const MMT8_LABELS = ['Neck flexors', ...['Deltoid', 'Biceps', 'Wrist extensors', 'Gluteus maximus', 'Gluteus medius', 'Quadriceps', 'Ankle dorsiflexors'].flatMap((g) => [`${g} right`, `${g} left`])];

const cdasiCalculator = (page: Page) => page.getByRole('group', { name: 'CDASI calculator' });
const mmt8Calculator = (page: Page) => page.getByRole('group', { name: 'MMT8 calculator' });

/** A new patient of the clinician's site with its visit form open, for a baseline. */
async function newVisitForm(page: Page, prefix: string) {
  const code = uniqueCode(prefix);
  const patientUrl = await createPatient(page, code);
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-10');
  return { code, patientUrl };
}

test('opening and closing both calculators on a saved visit, then saving another change, keeps CDASI and MMT8', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await page.getByRole('link', { name: 'NRD-001' }).click();
  const row = page.getByRole('table', { name: 'Visits of NRD-001' }).locator('tbody tr').first();
  const cell = (i: number) => row.getByRole('cell').nth(i);
  // Columns: date, type, month, then the field table's (CDASI activity, CDASI damage, active skin, MMT8, ..., CK (16th)).
  const text = async (i: number) => (await cell(i).textContent()) ?? '';
  const [date, activity, damage, mmt8, ck] = [await text(0), await text(3), await text(4), await text(6), await text(15)];
  expect(mmt8).toMatch(/^\d+$/);

  await page.getByRole('link', { name: `Edit visit of ${date}` }).click();
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue(mmt8);

  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await expect(cdasiCalculator(page).getByLabel('Scalp erythema')).toHaveValue('');
  await expect(cdasiCalculator(page).getByText('80 of 80 cells empty')).toBeVisible();
  await expect(page.getByLabel('CDASI activity')).toHaveValue(activity);
  await expect(page.getByLabel('CDASI damage')).toHaveValue(damage);
  await cdasiCalculator(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(cdasiCalculator(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  for (const label of MMT8_LABELS) await expect(mmt8Calculator(page).getByLabel(label, { exact: true })).toHaveValue('');
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue(mmt8);
  await page.getByRole('button', { name: 'Close MMT8 calculator' }).click();
  await expect(mmt8Calculator(page)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'MMT8 calculator closed; nothing was changed.' })).toBeVisible();

  // The CK cell reads "120 (ULN 190)": the value, then its upper limit of normal.
  const ckValue = ck.split(' ')[0]!;
  const newCk = String(Number(ckValue) + 7);
  await page.getByLabel('CK (U/L)').fill(newCk);
  await page.getByLabel('Reason', { exact: true }).fill('CK corrected from lab report');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-001' })).toBeVisible();
  await expect(cell(15)).toHaveText(new RegExp(`^${newCk}\\b`));
  await expect(cell(3)).toHaveText(activity);
  await expect(cell(4)).toHaveText(damage);
  await expect(cell(6)).toHaveText(mmt8);

  await page.getByRole('link', { name: `History of visit of ${date}` }).click();
  const change = page.getByRole('listitem').filter({ hasText: 'CK corrected from lab report' });
  await expect(change).toHaveCount(1);
  // The history names the one changed field by its label, before → after with the unit.
  await expect(change.getByRole('rowheader')).toHaveText(['CK']);
  await expect(change.getByRole('row', { name: /^CK/ })).toContainText(`${ckValue} U/L → ${newCk} U/L`);
});

test('applying asks before replacing a typed total, "keep" leaves it, and a saved visit reopens with its items', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const { code, patientUrl } = await newVisitForm(page, 'CALC');
  await page.getByLabel('CDASI activity').fill('20');
  await page.getByLabel('CDASI damage').fill('4');
  await page.getByLabel('MMT8', { exact: true }).fill('118');

  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  const cdasi = cdasiCalculator(page);
  await cdasi.getByLabel('Scalp erythema').fill('2');
  await cdasi.getByLabel('Cheeks (malar) erythema').fill('3');
  await cdasi.getByLabel('Upper back and shoulders poikiloderma').fill('1');
  await cdasi.getByRole('button', { name: 'Count the 77 empty cells as 0 (absent)' }).click();
  await expect(cdasi.getByText('Calculated: activity 5 / 100, damage 1 / 32')).toBeVisible();

  await cdasi.getByRole('button', { name: 'Use these scores' }).click();
  const ask = cdasi.getByRole('group', { name: /Replace the typed totals\?/ });
  await expect(ask).toContainText('The typed CDASI totals are activity 20 and damage 4; the calculator gives activity 5 and damage 1.');
  await expect(ask.getByRole('button', { name: 'Replace with 5 and 1' })).toBeFocused();
  await ask.getByRole('button', { name: 'Keep the typed totals' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByLabel('CDASI activity')).toHaveValue('20');
  await expect(page.getByLabel('CDASI damage')).toHaveValue('4');
  await expect(page.getByLabel('CDASI activity')).toBeEditable();

  await cdasi.getByRole('button', { name: 'Use these scores' }).click();
  await cdasi.getByRole('button', { name: 'Replace with 5 and 1' }).click();
  await expect(cdasi).toHaveCount(0);
  await expect(page.getByLabel('CDASI activity')).toHaveValue('5');
  await expect(page.getByLabel('CDASI damage')).toHaveValue('1');
  await expect(page.getByLabel('CDASI activity')).not.toBeEditable();
  await expect(page.getByText('These totals come from the item scores entered in the calculator')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open CDASI calculator' })).toBeFocused();

  // MMT8: all 8 but a trace, 14 × 8 = 112, against the typed 118.
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  const mmt8 = mmt8Calculator(page);
  for (const label of MMT8_LABELS) await mmt8.getByLabel(label, { exact: true }).fill(label === 'Quadriceps left' ? 't' : '8');
  await expect(mmt8.getByText('Calculated: 112 / 150')).toBeVisible();
  await mmt8.getByRole('button', { name: 'Use these scores' }).click();
  await expect(mmt8.getByRole('group', { name: /Replace the typed total\?/ })).toContainText('The typed MMT8 total is 118; the calculator gives 112.');
  await mmt8.getByRole('button', { name: 'Keep the typed total 118' }).click();
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('118');
  await mmt8.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByLabel('MMT8', { exact: true })).toBeEditable();

  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(patientUrl);
  const row = page.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr').first();
  await expect(row.getByRole('cell').nth(3)).toHaveText('5 ◆');
  await expect(row.getByRole('cell').nth(6)).toHaveText('118');

  // The edit form opens the calculator with the stored items; the totals stay read-only until they are removed.
  await page.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await expect(page.getByRole('heading', { name: 'Edit baseline visit of 2025-01-10' })).toBeVisible();
  await expect(page.getByLabel('CDASI activity')).not.toBeEditable();
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await expect(cdasi.getByLabel('Scalp erythema')).toHaveValue('2');
  await expect(cdasi.getByLabel('Cheeks (malar) erythema')).toHaveValue('3');
  await expect(cdasi.getByLabel('Scalp scale')).toHaveValue('0');
  await expect(cdasi.getByText('Calculated: activity 5 / 100, damage 1 / 32')).toBeVisible();
  await page.getByRole('button', { name: 'Close CDASI calculator' }).click();
  await page.getByRole('button', { name: 'Remove item scores' }).click();
  await expect(page.getByLabel('CDASI activity')).toBeEditable();
  await expect(page.getByLabel('CDASI activity')).toHaveValue('5');
});

test('a wrong cell is marked and named with its own range, never summed, and applying is refused', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await newVisitForm(page, 'WRONG');
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  const cdasi = cdasiCalculator(page);
  const erythema = cdasi.getByLabel('Scalp erythema');
  await erythema.fill('5');
  await cdasi.getByLabel('Scalp scale').fill('2');
  await expect(erythema).toHaveAttribute('aria-invalid', 'true');
  await expect(erythema).toHaveAccessibleDescription('Scalp erythema: 0 to 3');
  await expect(cdasi.getByRole('button', { name: 'Scalp erythema: 0 to 3' })).toBeVisible();
  await expect(cdasi.getByLabel('Scalp scale')).toHaveAttribute('aria-invalid', 'false');
  await expect(cdasi.getByText(/Calculated: activity —, damage —/)).toContainText('78 of 80 cells empty, 1 out of range');
  await expect(cdasi.getByText(/Calculated/)).toContainText('add up to activity 2, damage 0');

  await cdasi.getByRole('button', { name: /Count the 78 empty cells as 0/ }).click();
  await cdasi.getByRole('button', { name: 'Use these scores' }).click();
  await expect(cdasi.getByRole('alert')).toHaveText('Not applied: 1 cell out of range (listed above). Correct it first.');
  await expect(erythema).toBeFocused();
  await expect(page.getByLabel('CDASI activity')).toHaveValue('');
  await new AxeBuilder({ page }).include('form').analyze().then((r) => expect(r.violations.map((v) => v.id)).toEqual([]));

  await erythema.fill('3');
  await expect(erythema).toHaveAttribute('aria-invalid', 'false');
  await expect(cdasi.getByRole('alert')).toHaveCount(0);
  await cdasi.getByRole('button', { name: 'Use these scores' }).click();
  await expect(page.getByLabel('CDASI activity')).toHaveValue('5');

  // MMT8 cells take 0–10 and T; anything else is named with that range.
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  const mmt8 = mmt8Calculator(page);
  await mmt8.getByLabel('Deltoid right').fill('11');
  await mmt8.getByLabel('Deltoid left').fill('T');
  await mmt8.getByLabel('Neck flexors').fill('9');
  await expect(mmt8.getByLabel('Deltoid right')).toHaveAccessibleDescription('Deltoid right: 0 to 10 or T');
  await expect(mmt8.getByText(/Calculated: —/)).toContainText('12 of 15 grades empty, 1 out of range; the grades in range so far add up to 9');
  await expect(mmt8.getByText('T (trace)')).toBeVisible();
});

test('empty cells are counted and reported, and "count empty as 0" fills them in one click', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await newVisitForm(page, 'EMPTY');
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  const mmt8 = mmt8Calculator(page);
  await mmt8.getByLabel('Neck flexors').fill('10');
  await expect(mmt8.getByText('14 grades empty.')).toBeVisible();
  await mmt8.getByRole('button', { name: 'Use these scores' }).click();
  await expect(mmt8.getByRole('alert')).toHaveText('Not applied: 14 grades still empty. Fill them in, or count them as 0.');
  const fill = mmt8.getByRole('button', { name: 'Count the 14 empty grades as 0 (no contraction)' });
  await expect(fill).toBeFocused();
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('');
  await fill.click();
  await expect(mmt8.getByLabel('Ankle dorsiflexors left')).toHaveValue('0');
  await expect(mmt8.getByText('Calculated: 10 / 150')).toBeVisible();
  await mmt8.getByRole('button', { name: 'Use these scores' }).click();
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('10');
});

test('keyboard entry runs row by row, a CDASI digit moves to the next cell, and Enter never submits', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await newVisitForm(page, 'KEYS');
  const url = page.url();
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  const cdasi = cdasiCalculator(page);
  await cdasi.getByLabel('Scalp erythema').focus();
  await page.keyboard.type('0001');
  await expect(cdasi.getByLabel('Scalp calcinosis')).toBeFocused();
  await page.keyboard.type('1');
  await expect(cdasi.getByLabel('Cheeks (malar) erythema')).toBeFocused();
  await page.keyboard.type('2');
  await expect(cdasi.getByLabel('Cheeks (malar) scale')).toBeFocused();
  await page.keyboard.type('7'); // out of range: stays, marked
  await expect(cdasi.getByLabel('Cheeks (malar) scale')).toBeFocused();
  await expect(cdasi.getByLabel('Cheeks (malar) scale')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('1');
  await expect(cdasi.getByLabel('Cheeks (malar) erosion')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cdasi.getByLabel('Cheeks (malar) poikiloderma')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cdasi.getByLabel('Cheeks (malar) calcinosis')).toBeFocused();
  await expect(cdasi.getByLabel('Scalp poikiloderma')).toHaveValue('1');
  await expect(cdasi.getByText(/Calculated/)).toContainText('add up to activity 3, damage 2');

  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  const mmt8 = mmt8Calculator(page);
  await mmt8.getByLabel('Neck flexors').focus();
  await page.keyboard.type('9');
  await page.keyboard.press('Tab');
  await expect(mmt8.getByLabel('Deltoid right')).toBeFocused();
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await expect(mmt8.getByLabel('Deltoid left')).toBeFocused();
  await page.keyboard.type('t');
  await page.keyboard.press('Enter');
  await expect(mmt8.getByLabel('Biceps right')).toBeFocused();
  await expect(mmt8.getByText(/Calculated: —/)).toContainText('add up to 19');

  await expect(page).toHaveURL(url);
  await expect(page.getByRole('button', { name: 'Save visit' })).toBeEnabled();
  await expect(page.locator('.alert.error')).toHaveCount(0);
});

test('both calculators fit a tablet and scroll inside their own box on a phone', async ({ pageAs }, testInfo) => {
  const page = await pageAs('clinician');
  await newVisitForm(page, 'WIDE');
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  await cdasiCalculator(page).getByLabel('Scalp erythema').fill('5');
  await mmt8Calculator(page).getByLabel('Quadriceps left').fill('T');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const gridOverflow = () =>
    cdasiCalculator(page)
      .locator('.table-wrap')
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth);

  for (const width of [1280, 820, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await overflow(), `page overflow at ${width} px`).toBeLessThanOrEqual(0);
    if (width >= 820) expect(await gridOverflow(), `CDASI grid cut at ${width} px`).toBeLessThanOrEqual(0);
    else expect(await gridOverflow(), 'the CDASI grid scrolls in its box on a phone').toBeGreaterThan(0);
    await cdasiCalculator(page).screenshot({ path: testInfo.outputPath(`cdasi-${width}.png`) });
    await mmt8Calculator(page).screenshot({ path: testInfo.outputPath(`mmt8-${width}.png`) });
  }
});
