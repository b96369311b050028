import { test as base, type BrowserContext, type Page } from '@playwright/test';
import type { UserKey } from './access-matrix';
import { liveSession } from './sessions';

export { expect } from '@playwright/test';

/**
 * `pageAs(role)`: a page in a browser context of its own, signed in as that demo user with the
 * saved session (e2e/sessions.ts) and open on the patient list, where signing in lands;
 * closed after the test. Tests about signing in use a
 * signed-out `page` and `signIn` (helpers.ts) instead.
 */
export const test = base.extend<{ pageAs: (role: UserKey) => Promise<Page> }>({
  pageAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const context = await browser.newContext({ storageState: await liveSession(role) });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/patients');
      return page;
    });
    for (const context of contexts) await context.close();
  },
});
