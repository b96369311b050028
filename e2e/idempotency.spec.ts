import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

test('an adverse event whose answer was lost is saved again with one click, and exists once', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('SEC'));
  await page.getByRole('link', { name: 'Record adverse event' }).click();
  await page.getByLabel('Verbatim term').fill('Herpes zoster, thoracic');
  await page.getByLabel('Category').selectOption('herpes_zoster');
  await page.getByLabel('Onset date').fill('2025-03-02');
  await page.getByLabel('CTCAE grade').selectOption('2');
  await page.getByLabel('Relatedness to the JAK inhibitor').selectOption('possible');
  await page.getByLabel('Action with the JAK inhibitor').selectOption('none');
  await page.getByLabel('Outcome').selectOption('recovering');

  // The first save reaches the server, which creates the event, but its answer never comes back.
  let lost = 0;
  await page.route('**/adverse-events/new', async (route) => {
    if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
    lost++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The server did not answer' })).toBeVisible();
  await expect(page.getByLabel('Verbatim term')).toHaveValue('Herpes zoster, thoracic');

  await page.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(page).toHaveURL(new RegExp(`${patientUrl.replace(/[/.]/g, '\\$&')}#adverse-events$`));
  await expect(page.getByRole('table', { name: 'Adverse events' }).getByRole('row', { name: /Herpes zoster, thoracic/ })).toHaveCount(1);
});
