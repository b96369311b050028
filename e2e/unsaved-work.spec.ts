import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// Typed work is not lost without a question: leaving a record form with changes typed, closing
// a calculator with cells typed and not used; and a new visit that records no measure is saved
// only once the user says so.

const LEAVE = 'confirm: Leave this page? What you typed here is not saved.';

/**
 * Every dialog the page opens, as "type: message", answered: the app's question before a link
 * with `leave` (no until set), the browser's own before unloading always yes, so that a reload
 * or a goto goes on.
 */
function answerDialogs(page: Page) {
  const dialogs = { seen: [] as string[], leave: false };
  page.on('dialog', (d) => {
    dialogs.seen.push(d.type() === 'beforeunload' ? 'beforeunload' : `${d.type()}: ${d.message()}`);
    void (d.type() === 'beforeunload' || dialogs.leave ? d.accept() : d.dismiss());
  });
  return dialogs;
}

const mainLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

test('a new visit with values typed asks before a link or a reload leaves it, and asks nothing when nothing was typed or once saved', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const dialogs = answerDialogs(page);
  const code = uniqueCode('LEAVE');
  const patientUrl = await createPatient(page, code);
  const back = page.getByRole('link', { name: `← ${code}`, exact: true });
  const activity = page.getByLabel('CDASI activity');

  // Nothing typed: a reload and a link leave at once.
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').click();
  await page.reload();
  await back.click();
  await expect(page).toHaveURL(patientUrl);
  expect(dialogs.seen).toEqual([]);

  // Typed: the back link and the main navigation ask; "Cancel" stays with what was typed.
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-10');
  await activity.fill('20');
  await back.click();
  await mainLink(page, 'Patients').click();
  expect(dialogs.seen).toEqual([LEAVE, LEAVE]);
  await expect(page).toHaveURL(`${patientUrl}/visits/new`);
  await expect(activity).toHaveValue('20');

  // A reload gets the browser's question; confirmed, the form starts afresh.
  await page.reload();
  expect(dialogs.seen).toEqual([LEAVE, LEAVE, 'beforeunload']);
  await expect(activity).toHaveValue('');

  // "OK" on the link's question leaves.
  await activity.fill('20');
  dialogs.leave = true;
  await back.click();
  await expect(page).toHaveURL(patientUrl);
  expect(dialogs.seen).toEqual([LEAVE, LEAVE, 'beforeunload', LEAVE]);

  // Saved: neither the way to the patient page nor a link afterwards asks.
  dialogs.leave = false;
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-01-10');
  await activity.fill('20');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(patientUrl);
  await expect(page.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr')).toHaveCount(1);
  await mainLink(page, 'Patients').click();
  await expect(page).toHaveURL(/\/patients$/);
  expect(dialogs.seen).toHaveLength(4);
});

test('the patient, adverse-event and relapse forms ask before a link leaves what was typed, and not once saved', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const patientUrl = await createPatient(page, uniqueCode('LEAVEREC'));
  const dialogs = answerDialogs(page);
  const forms = [
    { url: new URL('/patients/new', patientUrl).href, label: 'Patient code', value: 'NRD-999' },
    { url: `${patientUrl}/edit`, label: 'Birth year', value: '1972' },
    { url: `${patientUrl}/adverse-events/new`, label: 'Verbatim term', value: 'Herpes zoster' },
    { url: `${patientUrl}/relapses/new`, label: 'Relapse date', value: '2025-03-02' },
  ];
  for (const { url, label, value } of forms) {
    await page.goto(url);
    await page.getByLabel(label).fill(value);
    await mainLink(page, 'Patients').click();
    await expect(page).toHaveURL(url);
    await expect(page.getByLabel(label)).toHaveValue(value);
  }
  // A goto away from a form with changes may get the browser's own question too: answered yes.
  const asked = () => dialogs.seen.filter((d) => d !== 'beforeunload');
  expect(asked()).toEqual(forms.map(() => LEAVE));

  // The relapse, saved, goes to the patient page, and a link from there asks nothing.
  await page.getByLabel('Domain').selectOption('muscle');
  await page.getByRole('button', { name: 'Save relapse' }).click();
  await expect(page).toHaveURL(`${patientUrl}#relapses`);
  await mainLink(page, 'Patients').click();
  await expect(page).toHaveURL(/\/patients$/);
  expect(asked()).toHaveLength(forms.length);
});

test('closing a calculator with typed cells asks first and leaves the totals as they were; untouched, it closes at once', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const dialogs = answerDialogs(page);
  const code = uniqueCode('DISCARD');
  await createPatient(page, code);
  await page.getByRole('link', { name: 'Add visit' }).click();
  const cdasi = page.getByRole('group', { name: 'CDASI calculator', exact: true });
  const mmt8 = page.getByRole('group', { name: 'MMT8 calculator', exact: true });
  const question = (instrument: string) => page.getByRole('group', { name: `Close and discard the ${instrument} scores typed? The visit keeps its totals.` });

  // Opened and closed untouched: no question.
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await cdasi.getByRole('button', { name: 'Cancel' }).click();
  await expect(cdasi).toHaveCount(0);
  await expect(question('CDASI')).toHaveCount(0);

  // A typed cell: Cancel asks; keeping the calculator open keeps the cell.
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await cdasi.getByLabel('Scalp erythema').fill('2');
  await cdasi.getByRole('button', { name: 'Cancel' }).click();
  await expect(question('CDASI').getByRole('button', { name: 'Discard the typed scores' })).toBeFocused();
  await question('CDASI').getByRole('button', { name: 'Keep the calculator open' }).click();
  await expect(question('CDASI')).toHaveCount(0);
  await expect(cdasi.getByLabel('Scalp erythema')).toHaveValue('2');
  await expect(cdasi.getByRole('button', { name: 'Cancel' })).toBeFocused();

  // Cells typed and not used are typed work: a link asks before leaving them.
  await page.getByRole('link', { name: `← ${code}`, exact: true }).click();
  expect(dialogs.seen).toEqual([LEAVE]);
  await expect(cdasi.getByLabel('Scalp erythema')).toHaveValue('2');

  // The toggle asks too; discarding closes the calculator and changes no total.
  await page.getByRole('button', { name: 'Close CDASI calculator' }).click();
  await question('CDASI').getByRole('button', { name: 'Discard the typed scores' }).click();
  await expect(cdasi).toHaveCount(0);
  await expect(page.getByLabel('CDASI activity')).toHaveValue('');
  await expect(page.getByLabel('CDASI damage')).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: 'CDASI calculator closed; nothing was changed.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open CDASI calculator' })).toBeFocused();

  // MMT8 beside a typed total: asked, discarded, the total stays.
  await page.getByLabel('MMT8', { exact: true }).fill('120');
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
  await mmt8.getByLabel('Neck flexors').fill('8');
  await page.getByRole('button', { name: 'Close MMT8 calculator' }).click();
  await expect(mmt8).toBeVisible();
  await question('MMT8').getByRole('button', { name: 'Discard the typed scores' }).click();
  await expect(mmt8).toHaveCount(0);
  await expect(page.getByLabel('MMT8', { exact: true })).toHaveValue('120');
});

test('a new visit that records no measure is saved only after "Save anyway"; a changed JAK-inhibitor dose is a measure', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  const dialogs = answerDialogs(page);
  const code = uniqueCode('NOMEAS');
  const patientUrl = await createPatient(page, code);
  await page.getByRole('link', { name: 'Add visit' }).click();
  const dose = page.getByLabel('JAK inhibitor dose (mg/day)');
  await expect(dose).toHaveValue('4');
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByRole('button', { name: 'Save visit' }).click();
  const ask = page.getByRole('alert').filter({ hasText: 'This visit records no measure' });
  await expect(ask).toBeFocused();
  await expect(ask).toContainText('CDASI, MMT8 and every other measure are empty or as the form filled them in. Save it anyway?');
  await expect(page).toHaveURL(`${patientUrl}/visits/new`);

  await ask.getByRole('button', { name: 'Go back to the form' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.getByLabel('CDASI activity')).toBeFocused();

  await page.getByRole('button', { name: 'Save visit' }).click();
  await ask.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page).toHaveURL(patientUrl);
  const rows = page.getByRole('table', { name: `Visits of ${code}` }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('2025-01-10');

  // Only the dose, changed from the one carried: saved at once.
  await page.getByRole('link', { name: 'Add visit' }).click();
  await page.getByLabel('Visit date').fill('2025-04-15');
  await dose.fill('2');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(rows).toHaveCount(2);
  expect(dialogs.seen).toEqual([]);
});
