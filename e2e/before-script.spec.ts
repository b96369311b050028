import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';
import { liveSession } from './sessions';

// A form is server-rendered before its script runs. Until then its fields are disabled: a
// click on its button would otherwise send the fields as a plain GET (the password or the
// clinical values in the address bar and the server log), and what was typed would be
// replaced when the form's script takes the fields over. Seen here with scripts off.

test('before the script runs, the sign-in form takes nothing and sends nothing', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await expect(page.getByLabel('Email')).toBeDisabled();
  await expect(page.getByLabel('Password')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  await context.close();
});

test('before the script runs, the patient and visit forms take nothing; once it runs they do', async ({ browser }) => {
  const storageState = await liveSession('clinician');
  const off = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await off.newPage();
  await page.goto('/patients/new');
  await expect(page.getByLabel('Patient code')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Create patient' })).toBeDisabled();
  await page.goto('/patients');
  await page.getByRole('link', { name: 'NRD-001', exact: true }).click();
  await page.goto(`${new URL(page.url()).pathname}/visits/new`);
  await expect(page.getByLabel('Visit date')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save visit' })).toBeDisabled();
  await off.close();

  const on = await browser.newContext({ storageState });
  const live = await on.newPage();
  await live.goto('/patients/new');
  await expect(live.getByLabel('Patient code')).toBeEditable();
  await expect(live.getByRole('button', { name: 'Create patient' })).toBeEnabled();
  await on.close();
});

test('once the script runs, the field a form starts with has the focus, and the keyboard alone signs in', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type('clinician@demo.test');
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/patients$/);
});

test('a form opened by its address starts at its first field', async ({ browser }) => {
  const context = await browser.newContext({ storageState: await liveSession('clinician') });
  const page = await context.newPage();
  await page.goto('/patients/new');
  await expect(page.getByLabel('Patient code')).toBeFocused();
  await context.close();
});
