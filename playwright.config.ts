import { defineConfig } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';
export const baseURL = `http://127.0.0.1:${port}`;

// Debian's Chromium: Playwright downloads no browser here.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A test.only left in a commit would silently run one test in CI.
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  globalTeardown: './e2e/log-check.ts',
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Each demo user signs in once (e2e/sessions.setup.ts); the specs reuse those sessions.
  projects: [
    { name: 'sessions', testMatch: /sessions\.setup\.ts$/ },
    { name: 'chromium', dependencies: ['sessions'] },
  ],
  webServer: {
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
