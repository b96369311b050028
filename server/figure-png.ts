import 'server-only';
import path from 'node:path';
import { crc32 } from 'node:zlib'; // Node 20.15 or later (package.json engines)
import { Resvg } from '@resvg/resvg-js';

// A report figure (lib/figures) as a PNG for a slide: the same SVG, rasterised by resvg (a
// native module, hence server-only) with DejaVu Sans from its npm package, so that no system
// font is needed and the text looks as the PDF's does.

const FONTS = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONTS, f));
const INCHES_PER_METRE = 100 / 2.54;

/** The PNG of an SVG figure `widthIn` inches wide, at `dpi` pixels per inch, saying so in its pHYs chunk. */
export function figurePng(svg: string, widthIn: number, dpi = 300): Buffer {
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthIn * dpi) },
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  })
    .render()
    .asPng();
  return withPhysicalSize(png, dpi);
}

/**
 * The PNG with a pHYs chunk saying `dpi` (PNG counts pixels per metre), put right after IHDR
 * as the format asks (before IDAT), replacing any there was; slide and word-processing
 * programs read it to place the image at its size in inches.
 */
export function withPhysicalSize(png: Buffer, dpi: number): Buffer {
  const chunks: Buffer[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (type !== 'pHYs') chunks.push(png.subarray(offset, end));
    if (type === 'IHDR') chunks.push(physChunk(dpi));
    offset = end;
  }
  return Buffer.concat([png.subarray(0, 8), ...chunks]);
}

function physChunk(dpi: number): Buffer {
  const perMetre = Math.round(dpi * INCHES_PER_METRE);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(perMetre, 8);
  chunk.writeUInt32BE(perMetre, 12);
  chunk.writeUInt8(1, 16); // unit: the metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  return chunk;
}
