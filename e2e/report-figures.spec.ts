import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect, test } from './fixtures';
import { problemOf } from './problem';

// The demo cohort's report figures: each downloads from the page as SVG (well-formed, 6.5 × 4
// inches, with its axis titles and n) and as PNG (1950 × 1200 pixels: 6.5 × 4 inches at
// 300 dpi, and saying 300 dpi), and the figure section reads on a desktop and on a phone.

const FIGURES = [
  { title: 'CDASI activity', axis: 'CDASI activity (points)' },
  { title: 'MMT8 (0–150)', axis: 'MMT8 (points)' },
  { title: 'Prednisone-equivalent dose', axis: 'Prednisone (mg/day)' },
  { title: 'JAK-inhibitor continuation', axis: 'On the JAK inhibitor (%)' },
];

/** Width, height and pixels per inch of a PNG, read from its IHDR and pHYs chunks. */
function pngSize(png: Buffer): { width: number; height: number; dpi: number | null } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  let dpi: number | null = null;
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === 'pHYs' && png[offset + 16] === 1) dpi = Math.round(png.readUInt32BE(offset + 8) * 0.0254);
    offset += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), dpi };
}

/** Every text of an SVG document, in order. */
function svgTexts(svg: string): string[] {
  const parsed = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'text' }).parse(svg) as { svg: { text: (string | number)[] } };
  return parsed.svg.text.map(String);
}

test('each figure of the demo cohort downloads as SVG and as a 300-dpi PNG', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  await page.goto('/cohorts/DEMO-JAKI/report');
  for (const { title, axis } of FIGURES) {
    const figure = page.getByRole('figure', { name: title, exact: true });
    await expect(figure.getByRole('img')).toBeVisible();

    const svgDownload = page.waitForEvent('download');
    await figure.getByRole('link', { name: `${title}: SVG` }).click();
    const svg = fs.readFileSync(await (await svgDownload).path(), 'utf8');
    expect(XMLValidator.validate(svg), `${title}: the SVG is well-formed`).toBe(true);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="6.5in" height="4in"/);
    const texts = svgTexts(svg);
    expect(texts).toContain(axis);
    if (title === 'JAK-inhibitor continuation') expect(texts).toContain('At risk');
    else expect(texts.filter((t) => t.startsWith('n = '))).toHaveLength(4);

    const pngDownload = page.waitForEvent('download');
    await figure.getByRole('link', { name: `${title}: PNG (300 dpi)` }).click();
    const download = await pngDownload;
    expect(download.suggestedFilename()).toMatch(/^figure-DEMO-JAKI-\w+\.png$/);
    expect(pngSize(fs.readFileSync(await download.path()))).toEqual({ width: 1950, height: 1200, dpi: 300 });
  }
});

test('the figure section reads on a desktop and on a phone', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  for (const [width, height] of [[1366, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/cohorts/DEMO-JAKI/report');
    const section = page.getByRole('region', { name: 'Figures' });
    await expect(section.getByRole('img')).toHaveCount(4);
    // The SVG scales to its column: nothing wider than the window.
    for (const box of await section.getByRole('img').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await section.screenshot({ path: `/tmp/figures-section-${width}.png` });
  }
});

test('a figure download names what is wrong, and is recorded in the audit trail', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  const get = async (url: string) => {
    const res = await page.request.get(url);
    const { status, detail, errors } = await problemOf(res);
    return { status, detail, errors };
  };
  expect(await get('/api/v1/cohorts/DEMO-JAKI/figures/histogram?format=svg')).toEqual({
    status: 404,
    detail: 'No figure histogram: the figures are cdasi, mmt8, prednisone, continuation.',
    errors: {},
  });
  expect(await get('/api/v1/cohorts/DEMO-JAKI/figures/cdasi?format=gif')).toEqual({
    status: 400,
    detail: 'A query parameter is not valid.',
    errors: { '#/format': 'format must be one of svg, png' },
  });
  expect(await get('/api/v1/cohorts/DEMO-JAKI/figures/cdasi?format=svg&site=EST')).toEqual({ status: 404, detail: 'No site EST among your sites.', errors: {} });
  expect(await get('/api/v1/cohorts/NO-SUCH/figures/cdasi?format=svg')).toEqual({ status: 404, detail: 'No cohort NO-SUCH.', errors: {} });

  const one = await page.request.get('/api/v1/cohorts/DEMO-JAKI/figures/mmt8?format=png&site=SUD');
  expect(one.status()).toBe(200);
  expect(one.headers()['content-type']).toBe('image/png');
  expect(one.headers()['content-disposition']).toBe('attachment; filename="figure-DEMO-JAKI-SUD-mmt8.png"');

  const admin = await pageAs('admin');
  const trail = await (await admin.request.get('/api/v1/audit?action=export&entity=report&record=DEMO-JAKI')).text();
  const entry = trail.split('\n').find((line) => /""site"":""SUD""/.test(line) && /""figure"":""mmt8""/.test(line) && /""format"":""png""/.test(line));
  expect(entry, 'the PNG download of SUD\'s MMT8 figure').toBeTruthy();
});
