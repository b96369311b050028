import { execFileSync } from 'node:child_process';

// A PDF as a reader gets it, read back with poppler's pdftotext: its words with their boxes
// (to check the type size and how full each page is), or its text as laid out.

export type PdfPage = { height: number; words: { text: string; yMin: number; yMax: number }[] };

export function pdfPages(pdf: Uint8Array): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, height, body]) => ({
    height: Number(height),
    words: [...body!.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(([, yMin, yMax, text]) => ({
      text: text!,
      yMin: Number(yMin),
      yMax: Number(yMax),
    })),
  }));
}

/** The PDF's text as pdftotext lays it out, pages separated by form feeds. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Words set below `points` (a word's box is about 1.16 times its font size in DejaVu Sans). */
export function wordsBelow(pages: PdfPage[], points: number): string[] {
  return pages.flatMap((p) => p.words.filter((w) => w.yMax - w.yMin < points * 1.1).map((w) => `${w.text} (${(w.yMax - w.yMin).toFixed(1)})`));
}
