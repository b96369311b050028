import { chromium, type Browser } from '@playwright/test';
import type { Clinician } from './clinicians';

export type BrowserView = { status: number | null; heading: string };

/**
 * A headless Chromium (Debian's, or CHROMIUM_PATH), started ahead of time; `view` tells what
 * a signed-in clinician's browser shows for their patient page: the status of the document
 * and its first heading, as rendered (error pages are drawn by the browser).
 */
export async function openBrowser(): Promise<{ view: (c: Clinician) => Promise<BrowserView>; close: () => Promise<void> }> {
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', timeout: 30_000 });
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '10.77.250.1' } });
  const page = await context.newPage();
  return {
    async view(c) {
      const host = new URL(c.server!.base).hostname;
      await context.addCookies(
        c.cookie!.split('; ').map((pair) => {
          const at = pair.indexOf('=');
          return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: host, path: '/' };
        }),
      );
      const response = await page.goto(`${c.server!.base}/patients/${c.patientId}`, { timeout: 30_000 });
      const heading = page.getByRole('heading', { level: 1 });
      await heading.waitFor({ timeout: 15_000 });
      return { status: response?.status() ?? null, heading: (await heading.textContent())?.trim() ?? '' };
    },
    close: () => browser.close(),
  };
}
