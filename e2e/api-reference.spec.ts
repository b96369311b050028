import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { newSession } from './sessions';
import { problemOf } from './problem';

// The API's description as a script's author meets it: the OpenAPI document over HTTP, and
// the reference page in the app, reached from the account page.

test('the OpenAPI document is served to a signed-in caller and names every operation; a stranger gets a problem', async ({ pageAs, playwright }) => {
  const page = await pageAs('coordinator');
  const res = await page.request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/openapi.json', '/api/v1/cohorts/{code}/report', '/api/v1/cohorts/{code}/export']));
  expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status']);

  const anon = await newSession(playwright.request);
  const refused = await anon.get('/api/v1/openapi.json');
  expect(refused.status()).toBe(401);
  expect((await problemOf(refused)).detail).toBe('Sign in first.');
  await anon.dispose();
});

test('the API reference page lists the operations with their parameters and answers, and is readable on a phone', async ({ pageAs }, testInfo) => {
  const page = await pageAs('clinician');
  await page.goto('/account');
  await page.getByRole('link', { name: 'API reference' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();

  const report = page.getByRole('region', { name: 'GET /api/v1/cohorts/{code}/report' });
  await expect(report).toContainText("The cohort's report over the caller's sites");
  const params = report.getByRole('table', { name: 'Parameters of GET /api/v1/cohorts/{code}/report' });
  await expect(params.getByRole('row', { name: /format/ })).toContainText('one of json, csv, pdf, docx');
  await expect(params.getByRole('row', { name: /by/ })).toContainText('optional');
  // The report's schema is a component of its own, linked from the answer.
  await report.getByRole('link', { name: 'CohortReport' }).click();
  await expect(page.getByRole('region', { name: 'CohortReport' })).toBeInViewport();
  await expect(page.getByRole('link', { name: 'OpenAPI document (JSON)' })).toHaveAttribute('href', '/api/v1/openapi.json');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('api-reference-1366.png'), fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/api-reference#getCohortReport');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('api-reference-390.png'), fullPage: false });
});
