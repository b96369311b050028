import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://127.0.0.1:3200';
const out = '/work/notes/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
page.setDefaultTimeout(180_000);
await page.goto(`${base}/login`);
await page.getByLabel('Email').fill(process.env.WHO ?? 'clinician@demo.test');
await page.getByLabel('Password').fill('demo-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/patients/);
const steps = JSON.parse(process.argv[2] ?? '[]');
for (const [i, step] of steps.entries()) {
  if (step.width) await page.setViewportSize({ width: step.width, height: 900 });
  if (step.go) await page.goto(`${base}${step.go}`);
  if (step.click) await page.getByRole(step.click[0], { name: step.click[1] }).first().click();
  if (step.fill) await page.getByLabel(step.fill[0], { exact: true }).fill(step.fill[1]);
  if (step.select) await page.getByLabel(step.select[0], { exact: true }).selectOption(step.select[1]);
  if (step.wait) await page.waitForTimeout(step.wait);
  if (step.shot) await page.screenshot({ path: `${out}/${step.shot}.png`, fullPage: step.full ?? true });
  if (step.eval) console.log(await page.evaluate(step.eval));
}
await browser.close();
