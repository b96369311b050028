import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { buildReport } from '@/lib/cohort/report';
import { reportFigures } from '@/lib/figures';
import { INPUT } from '@/test-support/report-fixture';
import { figurePng, withPhysicalSize } from './figure-png';

type Chunk = { type: string; data: Buffer; crcOk: boolean };

function chunks(png: Buffer): Chunk[] {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const out: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    out.push({
      type: typeAndData.subarray(0, 4).toString('latin1'),
      data: typeAndData.subarray(4),
      crcOk: crc32(typeAndData) === png.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return out;
}

/** Pixels per inch from a pHYs chunk (PNG counts them per metre). */
function dpiOf(phys: Buffer): { x: number; y: number } {
  assert.equal(phys[8], 1, 'unit: the metre');
  return { x: Math.round(phys.readUInt32BE(0) * 0.0254), y: Math.round(phys.readUInt32BE(4) * 0.0254) };
}

describe('figurePng', () => {
  const figures = reportFigures(buildReport(INPUT));

  test('each report figure is a PNG of its size in inches at 300 dpi, and says 300 dpi', () => {
    for (const f of figures) {
      const list = chunks(figurePng(f.svg, f.widthIn));
      assert.deepEqual(list.map((c) => c.type).filter((t) => t !== 'IDAT'), ['IHDR', 'pHYs', 'IEND'], f.name);
      assert.ok(list.every((c) => c.crcOk), `${f.name}: every chunk's CRC`);
      const ihdr = list[0]!.data;
      assert.equal(ihdr.readUInt32BE(0), f.widthIn * 300, `${f.name} width`);
      assert.equal(ihdr.readUInt32BE(4), f.heightIn * 300, `${f.name} height`);
      assert.deepEqual(dpiOf(list[1]!.data), { x: 300, y: 300 }, f.name);
    }
  });

  test('another resolution when asked', () => {
    const f = figures[0]!;
    const list = chunks(figurePng(f.svg, f.widthIn, 150));
    assert.equal(list[0]!.data.readUInt32BE(0), 975);
    assert.deepEqual(dpiOf(list[1]!.data), { x: 150, y: 150 });
  });

  test('the text is drawn with the packaged font, without system fonts', () => {
    const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="1in" height="1in" viewBox="0 0 72 72"><rect width="72" height="72" fill="#fff"/>${body}</svg>`;
    const blank = figurePng(svg(''), 1);
    const withText = figurePng(svg('<text x="10" y="40" font-family="DejaVu Sans" font-size="20">Ab</text>'), 1);
    assert.notDeepEqual(withText, blank);
  });
});

describe('withPhysicalSize', () => {
  test('replaces a pHYs chunk rather than adding a second one', () => {
    const png = figurePng(reportFigures(buildReport(INPUT))[0]!.svg, 1, 72);
    const again = chunks(withPhysicalSize(png, 600));
    assert.equal(again.filter((c) => c.type === 'pHYs').length, 1);
    assert.deepEqual(dpiOf(again.find((c) => c.type === 'pHYs')!.data), { x: 600, y: 600 });
    assert.ok(again.every((c) => c.crcOk));
  });
});
