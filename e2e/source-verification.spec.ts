import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// An auditor marks a visit verified against the source; the clinician's later correction
// shows it as changed since verified, on the patient page and in the auditor's counts.

test('a verified visit changed afterwards shows "changed since verified"', async ({ pageAs }) => {
  test.setTimeout(120_000);
  const clinician = await pageAs('clinician');
  const code = uniqueCode('SDV');
  const patientUrl = await createPatient(clinician, code);
  await clinician.goto(`${patientUrl}/visits/new`);
  await clinician.getByLabel('Visit date').fill('2025-01-10');
  await clinician.getByLabel('CDASI activity', { exact: true }).fill('22');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);
  // A clinician sees the mark, not the button.
  await expect(clinician.getByText('not verified').first()).toBeVisible();
  await expect(clinician.getByRole('button', { name: /Mark .* verified/ })).toHaveCount(0);

  const auditor = await pageAs('auditor');
  await auditor.goto(patientUrl);
  await expect(auditor.getByText('Source verification')).toBeVisible();
  await expect(auditor.getByText('0 / 1 verified (0%)')).toBeVisible();
  await auditor.getByRole('button', { name: 'Mark visit of 2025-01-10 verified against the source' }).click();
  await expect(auditor.getByRole('row').filter({ hasText: '2025-01-10' }).getByText('source verified')).toBeVisible();
  await expect(auditor.getByText('1 / 1 verified (100%)')).toBeVisible();

  await clinician.goto(patientUrl);
  await clinician.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
  await clinician.getByLabel('CDASI activity', { exact: true }).fill('24');
  await clinician.getByLabel('Reason', { exact: true }).fill('CDASI recounted from the photo');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);

  await auditor.reload();
  await expect(auditor.getByRole('row').filter({ hasText: '2025-01-10' }).getByText('changed since verified')).toBeVisible();
  await expect(auditor.getByText('0 / 1 verified (0%), 1 changed since')).toBeVisible();
  await auditor.goto(`/patients?q=${code}`);
  await expect(auditor.getByRole('row').filter({ hasText: code }).getByText('0 / 1 verified (0%), 1 changed since')).toBeVisible();
  await expect(auditor.getByText(/Source verification: NORD \d+ \/ \d+ verified/)).toBeVisible();
});
