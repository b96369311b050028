// The bench's table (issue 13): each row a piece of work, the app's figure beside the floor
// measured in the same run, and their ratio. Parts add rows as they measure; the table is
// printed at the end, as text or (with --json) as JSON for comparing runs.

export type Figure = { text: string; value?: number; unit?: string; p50?: number; p95?: number; peakMiB?: number };

export type Row = {
  part: string;
  work: string;
  app: Figure | null;
  minimum: Figure | null;
  /** The app's share of the floor's rate (higher is better) or the app's multiple of the floor's time (lower is better). */
  ratio: number | null;
  ratioKind?: 'share' | 'multiple';
  goal?: string;
  met?: boolean;
  note?: string;
};

const rows: Row[] = [];

/** The middle value (the mean of the two middle ones for an even count): what a part's rounds report. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

export function addRow(row: Row) {
  rows.push(row);
  console.log(`  → ${row.work}: ${row.app?.text ?? '—'} | ${row.minimum?.text ?? '—'} | ${ratioText(row)}${row.goal ? ` (goal ${row.goal}: ${row.met ? 'met' : 'NOT MET'})` : ''}`);
}

export function tableRows(): readonly Row[] {
  return rows;
}

function ratioText(r: Row): string {
  if (r.ratio === null) return '—';
  return r.ratioKind === 'multiple' ? `${r.ratio.toFixed(1)}×` : r.ratio.toFixed(2);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The table as Markdown, as the issue writes it. */
export function tableText(): string {
  const lines = ['| work | app | minimum | ratio | goal |', '|---|---|---|---|---|'];
  for (const r of rows)
    lines.push(
      `| ${cell(r.work)} | ${cell(r.app?.text ?? '—')} | ${cell(r.minimum?.text ?? '—')} | ${ratioText(r)} | ${r.goal ? `${r.goal}: ${r.met ? 'met' : 'NOT MET'}` : r.note ?? ''} |`,
    );
  return lines.join('\n');
}

export const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
export const kB = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`);
