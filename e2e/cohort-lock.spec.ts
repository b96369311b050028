import { expect, test } from './fixtures';
import { createPatient, uniqueCode, unlockDemoCohort } from './helpers';
import { openDb } from './http';

// A coordinator locks the demo cohort for analysis: the report says so, a clinician's open
// form is refused with the reason in view and nothing written, the patient page offers no
// edits; then the cohort is unlocked. The lock is lifted after the test whatever happens, for
// the specs that write to DEMO-JAKI.

test.afterEach(unlockDemoCohort);

test('a locked cohort shows who locked it and why, and refuses a clinician’s save with nothing written', async ({ pageAs }) => {
  test.setTimeout(120_000);
  const clinician = await pageAs('clinician');
  const code = uniqueCode('LOCK');
  const patientUrl = await createPatient(clinician, code);
  await clinician.goto(`${patientUrl}/edit`);
  await clinician.getByLabel('Birth year').fill('1972');
  await clinician.getByLabel('Reason', { exact: true }).fill('Birth year from the referral letter');

  const coordinator = await pageAs('coordinator');
  await coordinator.goto('/cohorts/DEMO-JAKI/report');
  await coordinator.getByRole('link', { name: 'Lock for analysis' }).click();
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Lock DEMO-JAKI for analysis' })).toBeVisible();
  await coordinator.getByRole('button', { name: 'Lock cohort' }).click();
  await expect(coordinator.getByText(/Give the reason for locking/)).toBeVisible();
  await coordinator.getByLabel('Reason for locking').fill('Data cleaned for the 2026 abstract');
  await coordinator.getByRole('button', { name: 'Lock cohort' }).click();
  await expect(coordinator).toHaveURL(/\/cohorts\/DEMO-JAKI\/report$/);
  await expect(coordinator.getByText(/Locked for analysis on \d{4}-\d\d-\d\d \d\d:\d\d UTC by .+: Data cleaned for the 2026 abstract/)).toBeVisible();
  await coordinator.goto('/cohorts');
  await expect(coordinator.getByRole('row').filter({ hasText: 'DEMO-JAKI' }).getByText(/locked \d{4}-\d\d-\d\d/)).toBeVisible();

  // The form opened before the lock: refused, the message in view, the typed value kept.
  await clinician.getByRole('button', { name: 'Save changes' }).click();
  const alert = clinician.getByRole('alert').filter({ hasText: 'Cohort DEMO-JAKI is locked for analysis' });
  await expect(alert).toBeVisible();
  await expect(alert).toBeInViewport();
  await expect(alert).toContainText('Nothing was saved');
  await expect(clinician.getByLabel('Birth year')).toHaveValue('1972');
  await clinician.goto(patientUrl);
  await expect(clinician.getByText(`Cohort DEMO-JAKI is locked for analysis since`)).toBeVisible();
  await expect(clinician.getByRole('link', { name: 'Edit patient' })).toHaveCount(0);
  await expect(clinician.getByRole('link', { name: 'Add visit' })).toHaveCount(0);
  // Opened by their addresses, the forms are not there to be typed into: the lock is said instead.
  for (const form of ['edit', 'visits/new', 'adverse-events/new', 'relapses/new']) {
    await clinician.goto(`${patientUrl}/${form}`);
    await expect(clinician.getByRole('status').filter({ hasText: 'Cohort DEMO-JAKI is locked for analysis since' })).toBeVisible();
    await expect(clinician.getByRole('button', { name: /^Save|^Create|^Record/ })).toHaveCount(0);
    await expect(clinician.getByRole('link', { name: 'Back to the patient' })).toHaveAttribute('href', new URL(patientUrl).pathname);
  }

  const sql = openDb();
  try {
    const [row] = await sql<{ birth_year: number; version: number }[]>`select birth_year, version from patient where code = ${code}`;
    expect(row).toEqual({ birth_year: 1971, version: 1 });
  } finally {
    await sql.end();
  }

  // Unlocked with a reason, the clinician's edit goes through.
  await coordinator.goto('/cohorts/DEMO-JAKI/report');
  await coordinator.getByRole('link', { name: 'Unlock' }).click();
  await coordinator.getByLabel('Reason for unlocking').fill('Statistician query: birth year to correct');
  await coordinator.getByRole('button', { name: 'Unlock cohort' }).click();
  await expect(coordinator).toHaveURL(/\/cohorts\/DEMO-JAKI\/report$/);
  await expect(coordinator.getByText(/Locked for analysis on/)).toHaveCount(0);
  await clinician.goto(`${patientUrl}/edit`);
  await clinician.getByLabel('Birth year').fill('1972');
  await clinician.getByLabel('Reason', { exact: true }).fill('Birth year from the referral letter');
  await clinician.getByRole('button', { name: 'Save changes' }).click();
  await expect(clinician).toHaveURL(patientUrl);
});

test('only coordinators and admins find the lock', async ({ pageAs }) => {
  const clinician = await pageAs('clinician');
  await clinician.goto('/cohorts/DEMO-JAKI/report');
  await expect(clinician.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(clinician.getByRole('link', { name: 'Lock for analysis' })).toHaveCount(0);
  const response = await clinician.goto('/cohorts/DEMO-JAKI/lock');
  expect(response?.status()).toBe(404);
});
