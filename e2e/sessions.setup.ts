import { test as setup } from '@playwright/test';
import { USERS, type UserKey } from './access-matrix';
import { saveSession } from './sessions';

// Runs before the specs (playwright.config.ts): each demo user signs in once.
for (const role of Object.keys(USERS) as UserKey[]) {
  setup(`sign in as ${role}`, async () => {
    await saveSession(role);
  });
}
