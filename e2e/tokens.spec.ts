import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { BASE, openDb } from './http';
import { problemOf } from './problem';

// Personal access tokens as a user meets them: made on the account page and shown once, used
// by a script with the user's sites and nothing more, named in the audit trail, revoked, and
// wrong ones locked out like wrong passwords.

test.describe.configure({ timeout: 120_000 });

test('a clinician makes a token on their account page, a script reads their sites with it, the trail names it, and a revoke ends it', async ({ pageAs, playwright }, testInfo) => {
  const page = await pageAs('clinician');
  await page.getByRole('link', { name: /Clinician/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const name = `report script ${Date.now().toString(36)}`;

  // A bad form names its fields, and nothing is made.
  const tokenRows = page.getByRole('region', { name: 'Your access tokens' }).getByRole('row');
  const rowsBefore = await tokenRows.count();
  await page.getByLabel('Name').fill('x');
  await page.getByLabel('Valid for (days)').fill('400');
  await page.getByRole('checkbox', { name: /^read/ }).uncheck();
  await page.getByRole('button', { name: 'Make token' }).click();
  await expect(page.getByText('Name must be 2 to 60 characters')).toBeVisible();
  await expect(page.getByText('Days must be between 1 and 365')).toBeVisible();
  await expect(page.getByText('Choose what the token may do: read, or read and write')).toBeVisible();
  await expect(tokenRows).toHaveCount(rowsBefore);

  // Keyboard only from the name field.
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Valid for (days)').fill('30');
  await page.getByRole('checkbox', { name: /^read/ }).check();
  await page.getByLabel('Name').press('Enter');
  const made = page.getByRole('status').filter({ hasText: 'shown only this once' });
  await expect(made).toContainText(`Token “${name}” made.`);
  // The secret has the focus, selected, ready to copy.
  await expect(page.getByLabel(`Secret of token ${name}`)).toBeFocused();
  const secret = await page.getByLabel(`Secret of token ${name}`).inputValue();
  expect(secret).toMatch(/^dmj_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole('region', { name: 'Your access tokens' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).toContainText('never');
  await expect(row).toContainText('active');
  await page.screenshot({ path: testInfo.outputPath('account-token-made-1366.png'), fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Shown once: after a reload only its first characters remain.
  await page.reload();
  await expect(page.getByLabel(`Secret of token ${name}`)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret.slice(8));

  // A script with the token: the clinician's sites only, like their session.
  const script = await playwright.request.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  try {
    const byToken = await script.get('/api/v1/cohorts/DEMO-JAKI/report?format=json');
    expect(byToken.status()).toBe(200);
    const bySession = await page.request.get('/api/v1/cohorts/DEMO-JAKI/report?format=json');
    expect((await byToken.json()).patients).toBe((await bySession.json()).patients);
    expect((await script.get('/api/v1/cohorts/DEMO-JAKI/report?format=json&site=SUD')).status()).toBe(404);
    // A clinician's token reaches no more than the clinician: the audit trail is not theirs.
    expect((await script.get('/api/v1/audit')).status()).toBe(404);

    await page.reload();
    await expect(row).not.toContainText('never');

    // The auditor sees the export made with the token, named.
    const auditor = await pageAs('auditor');
    const trail = await (await auditor.request.get('/api/v1/audit?entity=report&record=DEMO-JAKI&action=export')).text();
    const header = trail.split('\n')[0]!.split(',');
    const line = trail.split('\n').find((l) => l.includes(name));
    expect(line, 'an export entry names the token').toBeTruthy();
    expect(header).toContain('via_token');

    // Revoked on the page (a second click confirms), the token is refused at once.
    await row.getByRole('button', { name: `Revoke token ${name}`, exact: true }).click();
    await row.getByRole('button', { name: 'Keep' }).click();
    await expect(row).toContainText('active');
    await row.getByRole('button', { name: `Revoke token ${name}`, exact: true }).click();
    await row.getByRole('button', { name: `Revoke token ${name} now` }).click();
    await expect(row).toContainText('revoked');
    const refused = await script.get('/api/v1/cohorts/DEMO-JAKI/report?format=json');
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toContain('invalid_token');
    expect((await problemOf(refused)).detail).toBe('The token is not valid: it may be mistyped, revoked or expired.');
  } finally {
    await script.dispose();
  }

  await page.setViewportSize({ width: 390, height: 900 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('account-390.png'), fullPage: true });
});

test('an admin sees every user’s tokens and revokes one', async ({ pageAs, playwright }) => {
  const coordinator = await pageAs('coordinator');
  await coordinator.goto('/account');
  const name = `export job ${Date.now().toString(36)}`;
  await coordinator.getByLabel('Name').fill(name);
  await coordinator.getByRole('checkbox', { name: /^write/ }).check();
  await coordinator.getByRole('button', { name: 'Make token' }).click();
  const secret = await coordinator.getByLabel(`Secret of token ${name}`).inputValue();

  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  await admin.getByRole('link', { name: 'Access tokens' }).click();
  const row = admin.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('coordinator@demo.test');
  await expect(row).toContainText('read, write');
  await row.getByRole('button', { name: `Revoke token ${name}`, exact: true }).click();
  await row.getByRole('button', { name: `Revoke token ${name} now` }).click();
  await expect(row).toContainText('revoked');

  const script = await playwright.request.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  expect((await script.get('/api/v1/cohorts/DEMO-JAKI/export?file=patients')).status()).toBe(401);
  await script.dispose();
  await coordinator.reload();
  await expect(coordinator.getByRole('row').filter({ hasText: name })).toContainText('revoked');
});

test('wrong tokens from one address are locked out like wrong passwords, with the time to retry', async ({ playwright }) => {
  const sql = openDb();
  const guesser = await playwright.request.newContext({ baseURL: BASE });
  try {
    // The revoked tokens the tests above tried counted already: start this address afresh.
    await sql`delete from sign_in_failure where email like 'token:%'`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const guess = `dmj_${String(i).repeat(43)}`;
      statuses.push((await guesser.get('/api/v1/cohorts/DEMO-JAKI/report?format=json', { headers: { authorization: `Bearer ${guess}` } })).status());
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await guesser.get('/api/v1/cohorts/DEMO-JAKI/report?format=json', { headers: { authorization: 'Bearer not-even-a-token' } });
    expect(locked.status()).toBe(429);
    expect(Number(locked.headers()['retry-after'])).toBeGreaterThan(60);
    expect((await problemOf(locked)).detail).toMatch(/^Too many wrong tokens from this address: try again after \d\d:\d\d UTC\.$/);
    // Nothing reaches the data meanwhile, and sessions are not concerned.
    const rows = await sql`select failures from sign_in_failure where email like 'token:%'`;
    expect(rows.length).toBe(1);
    // The lock is in the audit trail, once, as a sign-in lock is.
    const locks = await sql`select after from audit_log where action = 'sign_in_locked' and entity_id like 'token:%' and at > now() - interval '5 minutes'`;
    expect(locks.length).toBe(1);
    expect(locks[0]!.after).toMatchObject({ failures: 5 });
  } finally {
    await sql`delete from sign_in_failure where email like 'token:%'`;
    await sql.end();
    await guesser.dispose();
  }
});
