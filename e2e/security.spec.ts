import { expect, test } from './fixtures';
import { createUserAsAdmin, signIn, uniqueCode } from './helpers';
import { openDb } from './http';

test('every response carries the security headers, and each page a CSP with its own script nonce', async ({ request }) => {
  const first = await request.get('/login');
  const csp = first.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await request.get('/login')).headers()['content-security-policy'];
  expect(again).not.toContain(nonce!);

  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const path of ['/login', '/api/health', '/api/v1/audit', asset!]) {
    const headers = (await request.get(path)).headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('no-referrer');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});

test('the pages run under the CSP without a single violation, and the session cookie is HttpOnly and SameSite', async ({ page, context }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, 'coordinator@demo.test');
  await page.getByRole('link', { name: 'NRD-001' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-001' })).toBeVisible();
  await page.goto('/cohorts/DEMO-JAKI/report');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('/patients/new');
  await page.getByLabel('Patient code').fill('x');
  expect(violations).toEqual([]);

  const cookie = (await context.cookies()).find((c) => c.name.includes('session_token'));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
});

test('failed sign-ins are slowed, then lock the account against even the right password; the auditor sees it; an admin unlocks it', async ({ page: door, pageAs }) => {
  test.setTimeout(120_000); // the five answers alone take 7.5 s of deliberate delay
  const email = `${uniqueCode('lock').toLowerCase()}@demo.test`;
  const password = 'a-long-enough-password';
  await createUserAsAdmin(await pageAs('admin'), { name: `Locked ${email}`, email, password });

  await door.goto('/login');
  const attempt = async (typed: string) => {
    await door.getByLabel('Email').fill(email);
    await door.getByLabel('Password').fill(typed);
    const started = Date.now();
    await door.getByRole('button', { name: 'Sign in' }).click();
    await expect(door.getByRole('alert').filter({ hasText: /not right|locked/ })).toBeVisible({ timeout: 15_000 });
    const text = await door.getByRole('alert').filter({ hasText: /not right|locked/ }).innerText();
    await door.reload();
    return { text, ms: Date.now() - started };
  };
  const answers = [];
  for (let i = 1; i <= 5; i++) answers.push(await attempt(`wrong-password-${i}`));
  expect(answers.slice(0, 4).map((a) => a.text)).toEqual(Array(4).fill('Email or password is not right.'));
  expect(answers[3]!.ms).toBeGreaterThanOrEqual(2000);
  expect(answers[4]!.text).toMatch(/locked until/);
  expect((await attempt(password)).text).toMatch(/locked until/);
  await expect(door).toHaveURL(/\/login$/);

  const auditor = await pageAs('auditor');
  await auditor.goto(`/audit?action=sign_in_locked&record=${encodeURIComponent(email)}`);
  await expect(auditor.getByRole('cell', { name: email }).first()).toBeVisible();

  // The admin sees the lock on the user list and ends it with a reason; the user signs in at once.
  const admin = await pageAs('admin');
  await admin.goto('/admin/users');
  const row = admin.getByRole('row').filter({ hasText: email });
  await expect(row.getByText(/locked until \d\d:\d\d UTC/)).toBeVisible();
  await row.getByRole('link', { name: `Locked ${email}` }).click();
  await expect(admin.getByRole('heading', { name: 'Locked', exact: true })).toBeVisible();
  await expect(admin.getByText(/Locked after 5 failed sign-ins until/)).toBeVisible();
  await admin.getByRole('button', { name: 'Unlock account' }).click();
  await expect(admin.getByText(/Give the reason for unlocking/)).toBeVisible();
  await admin.getByLabel('Reason for unlocking').fill('User phoned: had typed last year’s password');
  await admin.getByRole('button', { name: 'Unlock account' }).click();
  await expect(admin.getByRole('heading', { name: 'Locked', exact: true })).toHaveCount(0);
  await expect(admin.getByRole('heading', { level: 1, name: `Locked ${email}` })).toBeVisible();

  await door.getByLabel('Email').fill(email);
  await door.getByLabel('Password').fill(password);
  await door.getByRole('button', { name: 'Sign in' }).click();
  await expect(door).toHaveURL(/\/patients/);

  await auditor.goto(`/audit?action=sign_in_unlocked&record=${encodeURIComponent(email)}`);
  await expect(auditor.getByRole('cell', { name: email }).first()).toBeVisible();
  await expect(auditor.getByText('User phoned: had typed last year’s password')).toBeVisible();
});

test('a session cookie whose signature is not the app\'s opens nothing: the next page asks to sign in', async ({ page, context }) => {
  await signIn(page, 'clinician.sud@demo.test');
  await page.goto('/patients');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name.includes('session_token'))!;
  const [token, signature] = decodeURIComponent(cookie.value).split('.') as [string, string];
  // The same live session's token under another signature of the same length.
  const forged = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  await context.addCookies([{ ...cookie, value: encodeURIComponent(`${token}.${forged}`) }]);
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/login$/);
});

test('a session left unused for the idle time ends: the next page asks to sign in', async ({ page, context }) => {
  await signIn(page, 'clinician.sud@demo.test');
  // This page's session only: the saved sessions of the other tests must live on.
  const cookie = (await context.cookies()).find((c) => c.name.includes('session_token'));
  const token = decodeURIComponent(cookie!.value).split('.')[0]!;
  const sql = openDb();
  try {
    const ended = await sql`update session set last_seen_at = now() - interval '31 minutes' where token = ${token}`;
    expect(ended.count).toBe(1);
  } finally {
    await sql.end();
  }
  await page.goto('/patients');
  await expect(page).toHaveURL(/\/login$/);
});
