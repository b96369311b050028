import { expect, test } from '@playwright/test';
import { createPatient, signIn, uniqueCode } from './helpers';

// After a refused save the user is taken to the problem: the message is announced and in
// view, and focus is on the first wrong field, or on the message when no field is named.
// A short window, so that the form's top lies above it when the save button is pressed.

test.use({ viewport: { width: 1024, height: 600 } });

test('a save refused because someone else saved first shows its message in view, with focus on it', async ({ browser }) => {
  const first = await browser.newPage({ viewport: { width: 1024, height: 600 } });
  await signIn(first, 'clinician@demo.test');
  const patientUrl = await createPatient(first, uniqueCode('CONFLICT'));
  const second = await browser.newPage({ viewport: { width: 1024, height: 600 } });
  await signIn(second, 'coordinator@demo.test');
  await second.goto(`${patientUrl}/edit`);
  await first.goto(`${patientUrl}/edit`);

  await first.getByLabel('Birth year').fill('1972');
  await first.getByLabel('Reason', { exact: true }).fill('Birth year from the referral letter');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first).toHaveURL(patientUrl);

  await second.getByLabel('Birth year').fill('1973');
  await second.getByLabel('Reason', { exact: true }).fill('A second edit of the same version');
  await second.getByRole('button', { name: 'Save changes' }).click();
  const alert = second.getByRole('alert').filter({ hasText: 'changed by someone else' });
  await expect(alert).toBeVisible();
  await expect(alert).toBeInViewport();
  await expect(alert).toBeFocused();
  await expect(second.getByLabel('Birth year')).toHaveValue('1973');
});

test('a field the server refuses takes the focus, in view', async ({ page }) => {
  await signIn(page, 'clinician@demo.test');
  const patientUrl = await createPatient(page, uniqueCode('FIELD'));
  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByLabel('CDASI activity', { exact: true }).fill('20');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page).toHaveURL(patientUrl);

  // A second visit on the same date: only the server knows the first.
  await page.goto(`${patientUrl}/visits/new`);
  await page.getByLabel('Visit date').fill('2025-01-10');
  await page.getByLabel('CDASI activity', { exact: true }).fill('18');
  await page.getByRole('button', { name: 'Save visit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct' })).toBeVisible();
  const date = page.getByLabel('Visit date');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toBeFocused();
  await expect(date).toBeInViewport();
});

test('a refused sign-in puts the focus on its message', async ({ page }) => {
  await page.goto('/login');
  // An unknown email, so that no demo user's failed sign-ins add up to a lock.
  await page.getByLabel('Email').fill('nobody@demo.test');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is not right.' })).toBeFocused();
});
