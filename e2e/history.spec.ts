import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, signIn, uniqueCode } from './helpers';
import { problemOf } from './problem';

// History people can read: a visit edited in the browser reads on its history page as its form
// does, and the audit trail names it as a person would, links to it, filters by patient code,
// groups what one action wrote and shows a sign-in's address as 127.0.0.1.

/** A field's key as the code spells it (ivigDoseGKg, activeMuscle): never shown to a reader. */
const CAMEL_KEY = /\b[a-z]+[A-Z][a-zA-Z]*\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const MMT8_CELLS = ['Neck flexors', ...['Deltoid', 'Biceps', 'Wrist extensors', 'Gluteus maximus', 'Gluteus medius', 'Quadriceps', 'Ankle dorsiflexors'].flatMap((g) => [`${g} right`, `${g} left`])];
const REASON = 'Transcription error: scalp 3 on the paper form';

async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/history-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `/tmp/history-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Opens a calculator, types the cells given, counts any empty ones as 0 and takes the totals it gives. */
async function useCalculator(page: Page, name: 'CDASI' | 'MMT8', cells: Record<string, string>) {
  await page.getByRole('button', { name: `Open ${name} calculator` }).click();
  const calculator = page.getByRole('group', { name: `${name} calculator` });
  for (const [cell, value] of Object.entries(cells)) await calculator.getByLabel(cell, { exact: true }).fill(value);
  await calculator.getByRole('button', { name: 'Use these scores' }).click();
  const empty = calculator.getByRole('button', { name: /^Count the \d+ empty \w+ as 0/ });
  if (await empty.isVisible()) {
    await empty.click();
    await calculator.getByRole('button', { name: 'Use these scores' }).click();
  }
  const replace = calculator.getByRole('button', { name: /^Replace with/ });
  if (await replace.isVisible()) await replace.click();
  await expect(calculator).toHaveCount(0);
}

const mmt8Grades = (grade: (cell: string) => string) => Object.fromEntries(MMT8_CELLS.map((cell) => [cell, grade(cell)]));

test('a visit edited in the browser reads as its form in its history; the audit trail names it, links to it, filters by patient and groups one action', async ({ pageAs }) => {
  test.setTimeout(240_000);
  const clinician = await pageAs('clinician');
  const code = uniqueCode('HIST');
  const patientUrl = await createPatient(clinician, code);
  await clinician.getByRole('link', { name: 'Add visit' }).click();
  await clinician.getByLabel('Visit date').fill('2025-01-10');
  await useCalculator(clinician, 'CDASI', { 'Scalp erythema': '2' });
  await useCalculator(clinician, 'MMT8', mmt8Grades(() => '8'));
  await clinician.getByLabel('CK (U/L)').fill('180');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL(patientUrl);

  await clinician.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await expect(clinician.getByRole('heading', { name: 'Edit baseline visit of 2025-01-10' })).toBeVisible();
  await useCalculator(clinician, 'CDASI', { 'Scalp erythema': '3', 'Arm scale': '1' });
  await expect(clinician.getByLabel('CDASI activity')).toHaveValue('4');
  await useCalculator(clinician, 'MMT8', mmt8Grades((cell) => (cell === 'Deltoid left' ? 'T' : '8')));
  await expect(clinician.getByLabel('MMT8', { exact: true })).toHaveValue('112');
  await clinician.getByLabel('CK (U/L)').fill('450');
  await clinician.getByLabel('Reason', { exact: true }).fill(REASON);
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL(patientUrl);

  // The visit's history: labels, units and words as the form has them, before → after, who, when, why.
  await clinician.getByRole('link', { name: 'History of visit of 2025-01-10' }).click();
  await expect(clinician.getByRole('heading', { level: 1, name: 'Visit history' })).toBeVisible();
  await expect(clinician.getByText(`${code} · visit 2025-01-10 · every version`)).toBeVisible();
  const edit = clinician.getByRole('listitem').filter({ has: clinician.getByRole('heading', { name: 'Changed, version 2' }) });
  await expect(edit).toContainText('Claire Martin (clinician@demo.test)');
  await expect(edit).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
  await expect(edit.getByText(`Reason: ${REASON}`)).toBeVisible();
  const changes = edit.getByRole('table', { name: 'The fields changed, before and after' });
  await expect(changes.getByRole('row', { name: /^CDASI activity/ })).toContainText('2 → 4');
  const cdasi = changes.getByRole('table', { name: 'CDASI items: 2 changed, marked' });
  await expect(cdasi.getByRole('row', { name: /^Scalp/ })).toHaveText(/Scalp\s*2 → 3\s*0\s*0\s*0\s*0/);
  await expect(cdasi.locator('td.changed')).toHaveCount(2);
  await expect(changes.getByRole('row', { name: /^MMT8 120/ })).toContainText('120 → 112');
  await expect(changes.getByRole('row', { name: /^CK / })).toContainText('180 U/L → 450 U/L');
  // The grades as their grid, the one changed cell marked with its grade before.
  const grid = changes.getByRole('table', { name: 'MMT8 grades: 1 changed, marked' });
  await expect(grid.getByRole('row', { name: /^Deltoid/ })).toHaveText(/Deltoid\s*8\s*8 → T/);
  await expect(grid.locator('td.changed')).toHaveCount(1);
  const created = clinician.getByRole('listitem').filter({ has: clinician.getByRole('heading', { name: 'Created, version 1' }) });
  await expect(created.getByRole('row', { name: /^Visit type/ })).toContainText('Baseline');
  await expect(created.getByRole('row', { name: /^IVIG / })).toHaveCount(0);
  const text = await clinician.locator('main').innerText();
  expect(text).not.toMatch(CAMEL_KEY);
  expect(text).not.toMatch(UUID);
  await screenshots(clinician, 'visit');

  // A grade 5 event records the death on the patient: one action, two entries.
  await clinician.goto(patientUrl);
  await clinician.getByRole('link', { name: 'Record adverse event' }).click();
  await clinician.getByLabel('Verbatim term').fill('Pulmonary embolism');
  await clinician.getByLabel('Category').selectOption('thromboembolic');
  await clinician.getByLabel('Onset date').fill('2025-03-01');
  await clinician.getByLabel('Ongoing').uncheck();
  await clinician.getByLabel('End date').fill('2025-03-01');
  await clinician.getByLabel('CTCAE grade').selectOption('5');
  await clinician.getByLabel('Results in death').check();
  await clinician.getByLabel('Outcome').selectOption('fatal');
  await clinician.getByLabel("Patient's death date").fill('2025-03-01');
  await clinician.getByRole('button', { name: 'Save adverse event' }).click();
  await expect(clinician).toHaveURL(/#adverse-events$/);

  // The auditor filters the trail by the patient's code through the form.
  const auditor = await pageAs('auditor');
  await auditor.goto('/audit');
  await auditor.getByLabel('Patient code').fill(code.toLowerCase());
  await auditor.getByRole('button', { name: 'Filter' }).click();
  await expect(auditor).toHaveURL(new RegExp(`patient=${code.toLowerCase()}`));
  const trail = auditor.getByRole('table', { name: /Audit entries/ });
  const rows = trail.locator('tbody tr:not(.action-head)');
  await expect(rows).toHaveCount(5);
  for (const row of await rows.all()) await expect(row.getByRole('cell').nth(2)).toContainText(code);
  await expect(trail).not.toContainText(UUID);
  const update = rows.filter({ hasText: 'visit 2025-01-10' }).filter({ hasText: 'Changed' });
  await expect(update).toContainText(REASON);
  await expect(update).toContainText('CDASI activity: 2 → 4');
  await expect(update).toContainText('CDASI items: 2 cells changed: Scalp · Erythema 2 → 3, Arm · Scale 0 → 1');
  await expect(update).toContainText('MMT8 grades: 1 cell changed: Deltoid · Left 8 → T');
  await expect(update.getByRole('cell').nth(4)).toHaveText('Claire Martin');
  // The event and the death it recorded: written together, shown together.
  const group = trail.locator('tbody.action-group');
  await expect(group).toHaveCount(1);
  await expect(group.locator('tr.action-head')).toContainText('One action, 2 entries written together');
  await expect(group).toContainText(`${code} · adverse event: Pulmonary embolism`);
  await expect(group).toContainText(`${code} · patient`);
  await expect(group).toContainText('Death date: — → 2025-03-01');
  await screenshots(auditor, 'audit');

  // The record's name opens it.
  await update.getByRole('link', { name: `${code} · visit 2025-01-10` }).click();
  await expect(auditor.getByRole('heading', { level: 1, name: 'Visit history' })).toBeVisible();
  await expect(auditor.getByText(`Reason: ${REASON}`)).toBeVisible();

  // A code that cannot be one is named, not silently dropped; the CSV refuses it.
  await auditor.goto('/audit?patient=PSL%20005');
  await expect(auditor.getByLabel('Patient code')).toHaveAccessibleDescription(/^Patient code must be 2–40 letters, digits, - or _ \(e\.g\. PSL-005\); it was not applied/);
  const refused = await auditor.request.get('/api/v1/audit?patient=PSL%20005');
  expect(refused.status()).toBe(400);
  expect((await problemOf(refused)).detail).toBe('Patient code must be 2–40 letters, digits, - or _ (e.g. PSL-005)');
  const csv = await (await auditor.request.get(`/api/v1/audit?patient=${code}`)).text();
  expect(csv.split('\n')[0]).toContain('correlation_id');
  expect(csv).toContain(`${code} · visit 2025-01-10`);
});

test("a sign-in from this machine shows the address 127.0.0.1 in the audit trail, and every action in words", async ({ page, pageAs }) => {
  await signIn(page, 'coordinator@demo.test');
  const auditor = await pageAs('auditor');
  await auditor.goto('/audit?action=sign_in');
  const row = auditor.getByRole('table', { name: /Audit entries/ }).locator('tbody tr').filter({ hasText: 'Inès Petit' }).first();
  await expect(row).toContainText('Signed in');
  await expect(row).toContainText('Address: 127.0.0.1');
  await expect(row).toContainText('new session');
  const actions = await auditor.getByLabel('Action').locator('option').allInnerTexts();
  expect(actions).toEqual(expect.arrayContaining(['Any', 'Created', 'Changed', 'Voided', 'Reviewed', 'Signed in', 'Sign-in refused', 'Account locked after failed sign-ins', 'Imported', 'Exported']));
  for (const action of actions) expect(action).not.toMatch(/_/);
  await auditor.goto('/audit');
  const text = await auditor.locator('main').innerText();
  expect(text).not.toMatch(/\b(sign_in\w*|adverse_event)\b/);
});
