import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Every page at the widths clinicians use (desktop, small laptop, tablet, phone): nothing
// wider than the window, one <main>, and an axe scan without violations. Tables scroll
// inside their card, so the page itself never scrolls sideways.

const WIDTHS = [1366, 1024, 820, 390];

type Visit = { name: string; url: string; ready?: (page: Page) => Promise<void> };

const chartDrawn = async (page: Page) => {
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
};

const figuresDrawn = async (page: Page) => {
  await expect(page.getByRole('img', { name: /^CDASI activity: mean ± SD/ })).toBeVisible();
};

const openCalculators = async (page: Page) => {
  await page.getByRole('button', { name: 'Open CDASI calculator' }).click();
  await page.getByRole('button', { name: 'Open MMT8 calculator' }).click();
};

/** Where a link leads, without following it. */
async function hrefOf(page: Page, name: string | RegExp) {
  const href = await page.getByRole('link', { name }).first().getAttribute('href');
  expect(href, `a link named ${name}`).toBeTruthy();
  return href!;
}

/** The outermost elements that reach past the window's right edge, when the page scrolls sideways. */
async function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const past = (e: Element) => e.getBoundingClientRect().right > root.clientWidth + 0.5;
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`;
    const outermost = [...document.body.querySelectorAll('*')].filter((e) => past(e) && !(e.parentElement && past(e.parentElement)));
    return [`scrollWidth ${root.scrollWidth} > ${root.clientWidth}`, ...outermost.slice(0, 5).map(name)];
  });
}

async function checkAtEveryWidth(page: Page, visits: Visit[]) {
  for (const visit of visits) {
    await page.setViewportSize({ width: WIDTHS[0]!, height: 900 });
    await page.goto(visit.url);
    await visit.ready?.(page);
    // Nothing on the server depends on the width: the page is loaded once and the window resized.
    for (const width of WIDTHS) {
      const where = `${visit.name} at ${width} px`;
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect.soft(await tooWide(page), `${where}: elements wider than the window`).toEqual([]);
      await expect.soft(page.locator('main'), `${where}: one <main>`).toHaveCount(1);
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect.soft(violations, `${where}: axe violations`).toEqual([]);
    }
  }
}

test.describe.configure({ timeout: 300_000 });

test('sign-in and not-found pages fit every width', async ({ page, pageAs }) => {
  await checkAtEveryWidth(page, [{ name: 'sign in', url: '/login' }]);
  await checkAtEveryWidth(await pageAs('clinician'), [
    { name: 'unknown patient', url: '/patients/00000000-0000-4000-8000-000000000000' },
    { name: 'unknown address', url: '/no-such-page' },
  ]);
});

test("the clinician's pages fit every width", async ({ pageAs }) => {
  const page = await pageAs('clinician');
  // NRD-002 has a recorded adverse event and a relapse in the demo data.
  await page.getByRole('link', { name: 'NRD-002', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-002' })).toBeVisible();
  const patient = new URL(page.url()).pathname;
  const visitEdit = await hrefOf(page, /^Edit visit of/);
  const visitHistory = await hrefOf(page, /^History of visit of/);
  const aeEdit = await hrefOf(page, /^Edit adverse event/);
  const aeHistory = await hrefOf(page, /^History of adverse event/);
  const relapseEdit = await hrefOf(page, /^Edit muscle relapse of/);
  const relapseHistory = await hrefOf(page, /^History of muscle relapse of/);
  await checkAtEveryWidth(page, [
    { name: 'patients', url: '/patients' },
    { name: 'patient page', url: patient, ready: chartDrawn },
    { name: 'patient history', url: `${patient}/history` },
    { name: 'new patient', url: '/patients/new' },
    { name: 'edit patient', url: `${patient}/edit` },
    { name: 'new visit', url: `${patient}/visits/new` },
    { name: 'new visit, calculators open', url: `${patient}/visits/new`, ready: openCalculators },
    { name: 'edit visit', url: visitEdit },
    { name: 'visit history', url: visitHistory },
    { name: 'new adverse event', url: `${patient}/adverse-events/new` },
    { name: 'edit adverse event', url: aeEdit },
    { name: 'adverse event history', url: aeHistory },
    { name: 'new relapse', url: `${patient}/relapses/new` },
    { name: 'edit relapse', url: relapseEdit },
    { name: 'relapse history', url: relapseHistory },
    { name: 'cohorts', url: '/cohorts' },
  ]);
});

test("the coordinator's pages fit every width", async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await checkAtEveryWidth(page, [
    { name: 'patients of two sites', url: '/patients' },
    { name: 'cohort report', url: '/cohorts/DEMO-JAKI/report', ready: figuresDrawn },
    { name: 'report settings', url: '/cohorts/DEMO-JAKI/settings' },
    { name: 'import', url: '/import' },
    { name: 'cohorts with their exports', url: '/cohorts' },
  ]);
});

test("the auditor's pages fit every width", async ({ pageAs }) => {
  const page = await pageAs('auditor');
  await page.goto('/adverse-events');
  const event = await hrefOf(page, 'Herpes zoster, left T8');
  await checkAtEveryWidth(page, [
    { name: 'adverse events', url: '/adverse-events' },
    { name: 'adverse event review', url: event },
    { name: 'audit trail', url: '/audit' },
  ]);
});

test("the admin's pages fit every width", async ({ pageAs }) => {
  const page = await pageAs('admin');
  await page.goto('/admin/users');
  const user = await hrefOf(page, 'Claire Martin');
  await checkAtEveryWidth(page, [
    { name: 'users', url: '/admin/users' },
    { name: 'user access', url: user },
  ]);
});

// Pictures to look at, not to compare: test-results/…/<page>-<width>.png
test('a wide table marks the edge it has more columns beyond, and its last buttons come out from under the row actions', async ({ pageAs }) => {
  const page = await pageAs('clinician');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('link', { name: 'NRD-002', exact: true }).click();
  const card = page.getByRole('region', { name: 'Visits' }).locator('.table-wrap.row-actions');
  // In the window: what lies on top at a point is found only there (other tests' queries and
  // signatures may push the table below the fold).
  await card.scrollIntoViewIfNeeded();
  const actions = card.locator('tbody tr').first().locator('td').last();
  await expect(card).toHaveAttribute('data-more-after', 'true');
  await expect(card).not.toHaveAttribute('data-more-before');
  expect(await actions.evaluate((td) => getComputedStyle(td).boxShadow)).toMatch(/rgba\(0, 0, 0, 0\.22\)/);
  await card.evaluate((div) => div.scrollTo({ left: div.scrollWidth }));
  await expect(card).not.toHaveAttribute('data-more-after');
  await expect(card).toHaveAttribute('data-more-before', 'true');
  expect(await actions.evaluate((td) => getComputedStyle(td).boxShadow)).not.toMatch(/rgba\(0, 0, 0/);
  // Scrolled to its end, the column before the actions (the signature) is whole, not beneath them.
  const signature = card.locator('tbody tr').first().locator('td').nth(-2);
  expect(
    await signature.evaluate((td) => {
      const r = td.getBoundingClientRect();
      return td.contains(document.elementFromPoint(r.right - 2, r.top + r.height / 2));
    }),
  ).toBe(true);
});

test('screenshots of the busiest pages at every width', async ({ pageAs }, testInfo) => {
  const page = await pageAs('clinician');
  await page.getByRole('link', { name: 'NRD-002', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'NRD-002' })).toBeVisible();
  const patient = new URL(page.url()).pathname;
  const pages = [
    { name: 'patients', url: '/patients' },
    { name: 'patient', url: patient, ready: chartDrawn },
    { name: 'visit-form', url: `${patient}/visits/new` },
  ];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const p of pages) {
      await page.goto(p.url);
      await p.ready?.(page);
      await page.screenshot({ path: testInfo.outputPath(`${p.name}-${width}.png`), fullPage: true });
    }
  }
  const coordinator = await pageAs('coordinator');
  for (const width of [1366, 390]) {
    await coordinator.setViewportSize({ width, height: 900 });
    await coordinator.goto('/cohorts/DEMO-JAKI/report');
    await figuresDrawn(coordinator);
    await coordinator.screenshot({ path: testInfo.outputPath(`cohort-report-${width}.png`), fullPage: true });
    await coordinator.goto('/cohorts/DEMO-JAKI/settings');
    await coordinator.screenshot({ path: testInfo.outputPath(`report-settings-${width}.png`), fullPage: true });
  }
});
