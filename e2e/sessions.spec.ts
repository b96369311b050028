import { USERS } from './access-matrix';
import { expect, test } from './fixtures';
import { openDb } from './http';

// The saved sessions (e2e/sessions.ts) outlive what a long run does to them.

test('a saved session left unused past the idle time is signed in again before a test uses it', async ({ pageAs }) => {
  const sql = openDb();
  try {
    const aged = await sql`
      update session set last_seen_at = now() - interval '31 minutes'
      where user_id = (select id from "user" where email = ${USERS.auditor.email})`;
    expect(aged.count).toBeGreaterThan(0);
    const page = await pageAs('auditor');
    const response = await page.goto('/audit');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/audit$/);
  } finally {
    await sql.end();
  }
});
