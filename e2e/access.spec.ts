import { expect, test } from './fixtures';
import { createPatient, signIn, uniqueCode } from './helpers';

test('a clinician of another site gets a not-found page for the patient and its forms', async ({ pageAs }) => {
  const nord = await pageAs('clinician');
  const patientUrl = await createPatient(nord, uniqueCode('SITE'));
  await nord.close();

  const sud = await pageAs('clinicianSud');
  await sud.goto('/patients');
  await expect(sud.getByRole('link', { name: /^NRD-/ })).toHaveCount(0);
  for (const url of [patientUrl, `${patientUrl}/edit`, `${patientUrl}/visits/new`]) {
    const response = await sud.goto(url);
    expect(response?.status()).toBe(404);
    await expect(sud.getByRole('heading', { name: 'Not found' })).toBeVisible();
  }
});

test('signed-out visitors are sent to sign in; a wrong password is refused, the right one signs in, and signing out ends it', async ({ page }) => {
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Email').fill('clinician@demo.test');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is not right.' })).toBeVisible();

  await signIn(page, 'clinician@demo.test');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/login$/);
});

test('an auditor reads patients but is offered no way to change them', async ({ pageAs }) => {
  const page = await pageAs('auditor');
  await page.goto('/patients');
  await expect(page.getByRole('link', { name: 'New patient' })).toHaveCount(0);
  await page.getByRole('link', { name: 'NRD-001' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add visit' })).toHaveCount(0);
  const response = await page.goto(`${page.url()}/visits/new`);
  expect(response?.status()).toBe(404);
});

test('an admin creates a clinician who can then sign in and sees only their site', async ({ pageAs, browser }) => {
  const page = await pageAs('admin');
  await page.goto('/patients');
  await page.getByRole('link', { name: 'Users' }).click();
  const code = uniqueCode('new').toLowerCase();
  const email = `${code}@demo.test`;
  const name = `Nadia Nouvelle ${code}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption('clinician');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText('Password must be at least 10 characters')).toBeVisible();
  await expect(page.getByText('Choose at least one site')).toBeVisible();
  await page.getByLabel('Initial password').fill('a-long-enough-password');
  await page.getByRole('checkbox', { name: /^SUD/ }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toHaveText(`User ${email} created.`);
  await expect(page.getByRole('cell', { name: email })).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, email, 'a-long-enough-password');
  await expect(other.getByRole('link', { name: /^SUD-/ }).first()).toBeVisible();
  await expect(other.getByRole('link', { name: /^NRD-/ })).toHaveCount(0);
  const response = await other.goto('/admin/users');
  expect(response?.status()).toBe(404);

  // The admin moves her to NORD, then deactivates her: her open session stops working.
  await page.getByRole('link', { name }).click();
  // The user list has site checkboxes too: tick only once the access page is shown.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const access = page.getByRole('form', { name: 'User access' });
  await access.getByRole('checkbox', { name: /^NORD/ }).check();
  await access.getByRole('checkbox', { name: /^SUD/ }).uncheck();
  await page.getByRole('button', { name: 'Save access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Access of' })).toHaveText(`Access of ${name} saved: clinician, sites NORD, may sign in.`);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('NORD');
  await other.goto('/patients');
  await expect(other.getByRole('link', { name: 'NRD-001' })).toBeVisible();
  await expect(other.getByRole('link', { name: /^SUD-/ })).toHaveCount(0);

  await page.getByRole('link', { name }).click();
  // The user list has site checkboxes too: tick only once the access page is shown.
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByLabel(/May sign in/).uncheck();
  await page.getByRole('button', { name: 'Save access' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Access of' });
  await expect(saved).toContainText(`Access of ${name} saved:`);
  await expect(saved).toContainText('deactivated.');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('deactivated');
  await other.goto('/patients');
  await expect(other).toHaveURL(/\/login$/);
  await other.getByLabel('Email').fill(email);
  await other.getByLabel('Password').fill('a-long-enough-password');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'This account is deactivated. Ask an administrator.' })).toBeVisible();
  // Only the right password learns that: a wrong one reads as for any account.
  await other.getByLabel('Password').fill('not-her-password');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByRole('alert').filter({ hasText: 'Email or password is not right.' })).toBeVisible();
});

test('a coordinator of two sites filters the patient list by site and searches by code', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/patients');
  await expect(page.getByRole('link', { name: 'NRD-001' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'SUD-013' })).toBeVisible();
  await page.getByLabel('Site', { exact: true }).selectOption('SUD');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/site=SUD/);
  await expect(page.getByRole('link', { name: /^NRD-/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'SUD-013' })).toBeVisible();

  await page.getByLabel('Search by patient code').fill('sud-014');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('link', { name: /^SUD-/ })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'SUD-014' })).toBeVisible();
});
