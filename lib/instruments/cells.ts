// One calculator cell as the user types it: a text checked against that cell's own range.
// Calculators keep cell texts, never numbers, so an empty or a wrong cell stays visible as
// such instead of turning into a 0 (or a 10) that nobody typed.

export type CellSpec = {
  /** Stable key of the cell inside its calculator, e.g. 'scalp.erythema'. */
  id: string;
  /** What the cell is called in messages and to screen readers, e.g. 'Scalp erythema'. */
  label: string;
  max: number;
  /** Whether 'T' (trace, MMT8) is a grade of its own. */
  trace?: boolean;
};

export type CellValue = number | 'T';

export type CellReading = { state: 'empty' } | { state: 'ok'; value: CellValue } | { state: 'wrong'; message: string };

export type CellProblem = { id: string; label: string; message: string };

export type DraftTexts = Record<string, string>;

export type DraftReading = {
  /** The cells that hold a value in range; empty and wrong cells are absent. */
  values: Map<string, CellValue>;
  wrong: CellProblem[];
  /** Ids of the empty cells, in the calculator's order. */
  empty: string[];
};

export function rangeText(spec: CellSpec): string {
  return spec.trace ? `0 to ${spec.max} or T` : `0 to ${spec.max}`;
}

export function readCell(spec: CellSpec, text: string): CellReading {
  const t = text.trim();
  if (t === '') return { state: 'empty' };
  if (spec.trace && (t === 'T' || t === 't')) return { state: 'ok', value: 'T' };
  if (/^\d{1,3}$/.test(t) && Number(t) <= spec.max) return { state: 'ok', value: Number(t) };
  return { state: 'wrong', message: `${spec.label}: ${rangeText(spec)}` };
}

/**
 * Whether the text is a value in range that typing one more character could not extend into
 * another value in range (a '1' may become '10' on a 0–10 scale). Calculators move on after such
 * an entry.
 */
export function isCompleteEntry(spec: CellSpec, text: string): boolean {
  const reading = readCell(spec, text);
  if (reading.state !== 'ok') return false;
  return reading.value === 'T' || reading.value === 0 || reading.value * 10 > spec.max;
}

export function readDraft(specs: readonly CellSpec[], texts: DraftTexts): DraftReading {
  const values = new Map<string, CellValue>();
  const wrong: CellProblem[] = [];
  const empty: string[] = [];
  for (const spec of specs) {
    const reading = readCell(spec, texts[spec.id] ?? '');
    if (reading.state === 'ok') values.set(spec.id, reading.value);
    else if (reading.state === 'empty') empty.push(spec.id);
    else wrong.push({ id: spec.id, label: spec.label, message: reading.message });
  }
  return { values, wrong, empty };
}

/** The texts with every empty cell set to '0'; cells holding anything, wrong or not, are kept. */
export function fillEmptyCells(specs: readonly CellSpec[], texts: DraftTexts): DraftTexts {
  const filled = { ...texts };
  for (const spec of specs) if ((texts[spec.id] ?? '').trim() === '') filled[spec.id] = '0';
  return filled;
}

/** Whether a total typed in the form would be replaced by a different number. */
export function differsFromTyped(typed: string | null | undefined, total: number): boolean {
  const t = (typed ?? '').trim();
  return t !== '' && Number(t) !== total;
}

export function cellCount(n: number, noun = 'cell'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** What keeps a draft from a total, e.g. '78 of 80 cells empty, 1 out of range'. */
export function missingSummary({ empty, wrong, of, noun }: { empty: number; wrong: number; of: number; noun: string }): string {
  const parts = [];
  if (empty > 0) parts.push(`${empty} of ${of} ${noun}s empty`);
  if (wrong > 0) parts.push(`${wrong} out of range`);
  return parts.join(', ');
}
