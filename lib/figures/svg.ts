// What every report figure shares: its size, its type, escaping, and the axes.
//
// A figure is 6.5 × 4 inches, a slide's content area, drawn in points (72 to the inch), so a
// font size is its size in points on the slide. The smallest text is 13 pt: the PDF prints a
// figure at three quarters of its size (9.75 pt), and a phone 390 pixels wide shows it at
// about 9 pixels. The font is DejaVu Sans,
// which the PNG renderer loads from the dejavu-fonts-ttf package (server/figure-png.ts).

export const FIGURE_WIDTH_IN = 6.5;
export const FIGURE_HEIGHT_IN = 4;
export const WIDTH = FIGURE_WIDTH_IN * 72;
export const HEIGHT = FIGURE_HEIGHT_IN * 72;
export const FONT_FAMILY = 'DejaVu Sans';
export const SMALLEST_FONT_PT = 13;

export const COLORS = { mean: '#b4442f', patient: '#9aa7b6', axis: '#333', grid: '#e1e5ea', muted: '#555', curve: '#1f5f99' };

export const FIGURE_NAMES = ['cdasi', 'mmt8', 'prednisone', 'continuation'] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export type Figure = {
  name: FigureName;
  title: string;
  /** What the figure shows and how, for under it on the page and in a document. */
  caption: string;
  svg: string;
  widthIn: number;
  heightIn: number;
};

/** Text made safe for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A coordinate with one decimal: enough at 300 dpi (a tenth of a point is 0.4 pixel). */
export function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

type TextOptions = { size?: number; anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; fill?: string; rotate?: boolean };

export function text(x: number, y: number, content: string, { size = SMALLEST_FONT_PT, anchor = 'middle', weight, fill, rotate }: TextOptions = {}): string {
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    `font-size="${size}"`,
    `text-anchor="${anchor}"`,
    weight ? `font-weight="${weight}"` : '',
    fill ? `fill="${fill}"` : '',
    rotate ? `transform="rotate(-90 ${num(x)} ${num(y)})"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

/** The whole figure: white ground (it may land on a dark slide), its title for screen readers, the body. */
export function svgDocument(label: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_WIDTH_IN}in" height="${FIGURE_HEIGHT_IN}in" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" font-family="${FONT_FAMILY}, Verdana, sans-serif" fill="#222">`,
    `<title>${escapeXml(label)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** The plotting area, in points from the figure's top left. */
export type Plot = { left: number; right: number; top: number; bottom: number };

/** Where a value lands on a vertical axis from ticks[0] (bottom) to the last tick (top). */
export function yScale(plot: Plot, ticks: readonly number[]): (v: number) => number {
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  return (v) => plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top);
}

/** The title line and, under it, the legend line. */
export function heading(title: string, legend: string[]): string[] {
  return [text(8, 18, title, { size: 15, weight: 'bold', anchor: 'start' }), ...legend];
}

/** The vertical axis: gridlines at the ticks, their values, the axis title turned on its side. */
export function yAxis(plot: Plot, ticks: readonly number[], title: string, format: (v: number) => string = String): string[] {
  const y = yScale(plot, ticks);
  return [
    ...ticks.map((t) => line(plot.left, y(t), plot.right, y(t), COLORS.grid, 0.75)),
    ...ticks.map((t) => text(plot.left - 6, y(t) + 4, format(t), { anchor: 'end', fill: COLORS.muted })),
    line(plot.left, plot.top, plot.left, plot.bottom, COLORS.axis),
    line(plot.left, plot.bottom, plot.right, plot.bottom, COLORS.axis),
    text(16, (plot.top + plot.bottom) / 2, title, { rotate: true }),
  ];
}
