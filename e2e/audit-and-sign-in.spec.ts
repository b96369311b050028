import { expect, test } from './fixtures';
import { createPatient, uniqueCode, unlockDemoCohort } from './helpers';

// The audit trail's filters say what they did instead of answering "0 entries" without a word,
// and a cohort's lock names who locked it. The lock is lifted after the test whatever happens,
// for the specs that write to DEMO-JAKI.

test.afterEach(unlockDemoCohort);

test('the patient filter finds codes by their beginning, in any case; dates in the wrong order are named, not applied', async ({ pageAs }) => {
  test.setTimeout(120_000);
  const clinician = await pageAs('clinician');
  const base = uniqueCode('WLK');
  for (const code of [`${base}-1`, `${base}-2`]) await createPatient(clinician, code);

  const auditor = await pageAs('auditor');
  await auditor.goto('/audit');
  const filters = auditor.getByRole('form', { name: 'Filter the audit trail' });
  await expect(filters.getByLabel('Patient code or its beginning')).toHaveAccessibleDescription(/begin with it, in any case/);
  await filters.getByLabel('Patient code or its beginning').fill(base.toLowerCase());
  await filters.getByRole('button', { name: 'Filter' }).click();
  const trail = auditor.getByRole('table', { name: /Audit entries/ });
  const rows = trail.locator('tbody tr:not(.action-head)');
  await expect(rows).toHaveCount(2);
  await expect(trail).toContainText(`${base}-1 · patient`);
  await expect(trail).toContainText(`${base}-2 · patient`);

  await auditor.goto('/audit?from=2026-12-05&to=2026-12-01');
  await expect(filters).toContainText('From (2026-12-05) is after To (2026-12-01): the dates were not applied');
  await expect(rows.first()).not.toHaveText('No entries match.');
  const refused = await auditor.request.get('/api/v1/audit?from=2026-12-05&to=2026-12-01');
  expect(refused.status()).toBe(400);
});

test("a cohort's lock shows who locked it by name in the audit trail, the user's id in its title", async ({ pageAs }) => {
  const coordinator = await pageAs('coordinator');
  await coordinator.goto('/cohorts/DEMO-JAKI/lock');
  await coordinator.getByLabel('Reason for locking').fill('Audit trail names the locker');
  await coordinator.getByRole('button', { name: 'Lock cohort' }).click();
  await expect(coordinator).toHaveURL(/\/cohorts\/DEMO-JAKI\/report$/);

  const auditor = await pageAs('auditor');
  await auditor.goto('/audit?action=lock&entity=cohort');
  const row = auditor.getByRole('table', { name: /Audit entries/ }).locator('tbody tr').filter({ hasText: 'Audit trail names the locker' }).first();
  const change = row.getByRole('listitem').filter({ hasText: 'Locked by:' });
  await expect(change).toHaveText('Locked by: — → Inès Petit');
  await expect(change).toHaveAttribute('title', /^User id: — → \S+$/);
});
