import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createPatient, createUserAsAdmin, signIn, uniqueCode } from './helpers';
import { openDb } from './http';

// Electronic signatures: an admin gives a clinician the investigator right at their site; the
// investigator signs a visit with their password and a meaning; the signature shows with their
// printed name, the UTC time and the meaning, and a later correction makes it no longer valid.
// A wrong password is refused and counted as a failed sign-in. An auditor sees signatures and
// signs nothing. (Other sites, other roles and the admin-only grant: e2e/access-matrix.ts.)

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('an investigator signs a visit with the password; a wrong one is counted; a later edit ends the signature', async ({ browser, pageAs }, testInfo) => {
  test.setTimeout(180_000);
  const email = `${uniqueCode('investigator').toLowerCase()}@demo.test`;
  const name = `Investigator ${email.split('@')[0]}`;
  const password = 'an-investigator-password';
  const admin = await pageAs('admin');
  await createUserAsAdmin(admin, { name, email, password });

  // The admin gives the right at NORD, on the user's page.
  await admin.goto('/admin/users');
  await admin.getByRole('row').filter({ hasText: email }).getByRole('link', { name }).click();
  const grant = admin.getByRole('form', { name: 'Investigator right' });
  await grant.getByRole('checkbox', { name: /^NORD/ }).check();
  await grant.getByRole('button', { name: 'Save investigator right' }).click();
  await expect(admin.getByRole('status')).toHaveText('Investigator right saved.');

  const context = await browser.newContext();
  const investigator = await context.newPage();
  try {
    await signIn(investigator, email, password);
    const code = uniqueCode('SIG');
    const patientUrl = await createPatient(investigator, code);
    await investigator.goto(`${patientUrl}/visits/new`);
    await investigator.getByLabel('Visit date').fill('2025-01-10');
    await investigator.getByLabel('CDASI activity', { exact: true }).fill('22');
    await investigator.getByRole('button', { name: 'Save visit' }).click();
    await expect(investigator).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);
    const row = investigator.getByRole('row').filter({ hasText: '2025-01-10' });
    await expect(row.getByText('not signed')).toBeVisible();

    // A wrong password: refused, nothing signed, counted as a failed sign-in.
    await row.getByRole('button', { name: 'Sign visit of 2025-01-10' }).click();
    const dialog = investigator.getByRole('dialog', { name: 'Sign visit of 2025-01-10' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(dialog.getByText(/^Meaning (is required|must be one of)/)).toBeVisible();
    await dialog.getByRole('radio', { name: 'Reviewed and approved' }).check();
    await dialog.getByLabel('Your password').fill('not-my-password');
    await investigator.screenshot({ path: testInfo.outputPath('sign-dialog-1366.png') });
    await expectNoViolations(investigator);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('The password is not right');
    await expect(dialog.getByLabel('Your password')).toHaveValue('');
    const sql = openDb();
    try {
      const [failure] = await sql<{ failures: number }[]>`select failures from sign_in_failure where email = ${email}`;
      expect(failure?.failures).toBe(1);
      const entries = await sql<{ after: { signing?: boolean } }[]>`select after from audit_log where action = 'sign_in_failed' and entity_id = ${email}`;
      expect(entries.map((e) => e.after.signing)).toEqual([true]);
      expect((await sql`select 1 from signature s join "user" u on u.id = s.signed_by where u.email = ${email}`).length).toBe(0);
    } finally {
      await sql.end();
    }

    // The right password: signed, shown with the printed name, UTC time and meaning.
    await dialog.getByLabel('Your password').fill(password);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row.getByText(`Reviewed and approved · ${name} ·`)).toBeVisible();
    await expect(row.getByText('signature valid')).toBeVisible();
    const signatures = investigator.getByRole('region', { name: 'Signatures' });
    await expect(signatures.getByText(/Visit of 2025-01-10: Reviewed and approved · .* · \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();
    await investigator.screenshot({ path: testInfo.outputPath('signature-1366.png'), fullPage: true });

    // The visit's history shows the signature and the entry.
    await investigator.getByRole('link', { name: 'History of visit of 2025-01-10' }).click();
    await expect(investigator.getByRole('heading', { level: 1, name: 'Visit history' })).toBeVisible();
    await expect(investigator.getByRole('region', { name: 'Signatures' }).getByText('signature valid')).toBeVisible();
    await expect(investigator.getByText('Signed electronically')).toBeVisible();

    // The auditor sees the signature and has no button to sign.
    const auditor = await pageAs('auditor');
    await auditor.goto(patientUrl);
    await expect(auditor.getByRole('row').filter({ hasText: '2025-01-10' }).getByText(`Reviewed and approved · ${name} ·`)).toBeVisible();
    await expect(auditor.getByRole('button', { name: /^Sign (visit|casebook)/ })).toHaveCount(0);

    // A correction, with its reason: the signature is no longer valid, and may be signed again.
    await investigator.goto(patientUrl);
    await investigator.getByRole('link', { name: 'Edit visit of 2025-01-10' }).click();
    await expect(investigator.getByText(/A correction is allowed, with its reason: it makes this visit's signature no longer valid/)).toBeVisible();
    await investigator.getByLabel('CDASI activity', { exact: true }).fill('24');
    await investigator.getByLabel('Reason', { exact: true }).fill('CDASI recounted from the photo');
    await investigator.getByRole('button', { name: 'Save visit' }).click();
    await expect(investigator).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);
    await expect(row.getByText(/signature no longer valid: changed on \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();
    await investigator.getByRole('link', { name: 'History of visit of 2025-01-10' }).click();
    await expect(investigator.getByRole('heading', { level: 1, name: 'Visit history' })).toBeVisible();
    await expect(investigator.getByRole('region', { name: 'Signatures' }).getByText(/signature no longer valid: changed on/)).toBeVisible();

    // At 390 px: the casebook signed, the dialog and the signatures readable.
    await investigator.setViewportSize({ width: 390, height: 844 });
    await investigator.goto(patientUrl);
    await investigator.getByRole('button', { name: `Sign casebook of ${code}` }).click();
    const casebook = investigator.getByRole('dialog', { name: `Sign casebook of ${code}` });
    await casebook.getByRole('radio', { name: 'Authored' }).check();
    await casebook.getByLabel('Your password').fill(password);
    await investigator.screenshot({ path: testInfo.outputPath('sign-dialog-390.png') });
    await casebook.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(casebook).toHaveCount(0);
    await expect(signatures.getByText(`Casebook: Authored · ${name} ·`)).toBeVisible();
    await expect(signatures.getByText('signature valid')).toBeVisible();
    await investigator.screenshot({ path: testInfo.outputPath('signature-390.png'), fullPage: true });
    await expectNoViolations(investigator);

    // The casebook PDF carries both signatures, the visit's as no longer valid.
    const pdf = await investigator.request.get(`/api/v1/patients/${new URL(patientUrl).pathname.split('/')[2]}/casebook`);
    expect(pdf.status()).toBe(200);
    const pdfPath = testInfo.outputPath('casebook.pdf');
    fs.writeFileSync(pdfPath, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Electronic signatures');
    expect(text).toMatch(/Whole casebook Investigator .*Authored signature valid/);
    expect(text).toMatch(/signature no longer valid: .*changed on \d{4}-\d\d-\d\d/);
  } finally {
    await context.close();
  }
});
