import { expect, type Page } from '@playwright/test';
import { openDb } from './http';

export const DEMO_PASSWORD = 'demo-password';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/patients$/);
}

/** A patient code no earlier run of the suite has used. */
export function uniqueCode(prefix: string) {
  return `${prefix}-${Date.now().toString(36).toUpperCase()}`;
}

export async function createPatient(page: Page, code: string, { start = '2025-01-15' } = {}) {
  await page.goto('/patients/new');
  await page.getByLabel('Patient code').fill(code);
  await page.getByLabel('Site').selectOption({ label: 'NORD · Hôpital Nord (demo)' });
  await page.getByLabel('Cohort').selectOption({ label: 'DEMO-JAKI · Demo JAK-inhibitor cohort' });
  await page.getByLabel('Sex').selectOption('F');
  await page.getByLabel('Birth year').fill('1971');
  await page.getByLabel('Diagnosis date').fill('2022-06-01');
  await page.getByLabel('DM subtype').selectOption('classic');
  await page.getByRole('checkbox', { name: 'TIF1-γ' }).check();
  await page.getByRole('checkbox', { name: 'Methotrexate' }).check();
  await page.getByLabel('JAK inhibitor', { exact: true }).selectOption('baricitinib');
  await page.getByLabel('Dose (mg/day)').fill('4');
  await page.getByLabel('Start date', { exact: true }).fill(start);
  await page.getByRole('button', { name: 'Create patient' }).click();
  await expect(page.getByRole('heading', { level: 1, name: code })).toBeVisible();
  return page.url();
}

/** An account made on the admin's Users page; `page` must be signed in as the admin. */
export async function createUserAsAdmin(page: Page, { name, email, password, role = 'clinician', site = 'NORD' }: { name: string; email: string; password: string; role?: string; site?: string }) {
  await page.goto('/admin/users');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Initial password').fill(password);
  await page.getByRole('checkbox', { name: new RegExp(`^${site}`) }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toHaveText(`User ${email} created.`);
}

/** Lifts the demo cohort's lock: after each test of a spec that locks it, whatever happens, for the specs that write to DEMO-JAKI. */
export async function unlockDemoCohort() {
  const sql = openDb();
  try {
    await sql`update cohort set locked_at = null, locked_by = null, lock_reason = null where code = 'DEMO-JAKI'`;
  } finally {
    await sql.end();
  }
}
