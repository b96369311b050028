// The MMT8 calculator's draft: one text per grade (0–10 or T), read into items and a total only
// when every grade is given.

import { readDraft, type CellProblem, type CellSpec, type DraftTexts } from './cells';
import { KENDALL_MAX, MMT8_AXIAL, MMT8_BILATERAL, mmt8Total, type KendallGrade, type Mmt8Items } from './mmt8';

export const MMT8_SIDES = [
  { side: 'right', title: 'Right' },
  { side: 'left', title: 'Left' },
] as const;

export const mmt8CellId = (group: string, side?: 'right' | 'left') => (side ? `${side}.${group}` : group);

/** Every grade, row by row: neck flexors once, then right and left of each group. */
export const MMT8_CELLS: readonly CellSpec[] = [
  { id: mmt8CellId(MMT8_AXIAL.key), label: MMT8_AXIAL.label, max: KENDALL_MAX, trace: true },
  ...MMT8_BILATERAL.flatMap((g) =>
    MMT8_SIDES.map(({ side }) => ({ id: mmt8CellId(g.key, side), label: `${g.label} ${side}`, max: KENDALL_MAX, trace: true })),
  ),
];

export type Mmt8DraftReading = {
  items: Mmt8Items | null;
  /** The total of the grades given so far (empty and wrong cells add nothing). */
  partial: number;
  wrong: CellProblem[];
  empty: string[];
};

/** The draft a calculator opens with: the visit's stored grades, or every cell empty. */
export function mmt8DraftOf(items: Mmt8Items | null | undefined): DraftTexts {
  if (!items) return {};
  const texts: DraftTexts = { [mmt8CellId(MMT8_AXIAL.key)]: String(items.neckFlexors) };
  for (const g of MMT8_BILATERAL) for (const { side } of MMT8_SIDES) texts[mmt8CellId(g.key, side)] = String(items[side][g.key]);
  return texts;
}

export function readMmt8Draft(texts: DraftTexts): Mmt8DraftReading {
  const { values, wrong, empty } = readDraft(MMT8_CELLS, texts);
  const grade = (id: string): KendallGrade => values.get(id) ?? 0;
  const side = (s: 'right' | 'left') =>
    Object.fromEntries(MMT8_BILATERAL.map((g) => [g.key, grade(mmt8CellId(g.key, s))])) as Mmt8Items['right'];
  const items: Mmt8Items = { neckFlexors: grade(mmt8CellId(MMT8_AXIAL.key)), right: side('right'), left: side('left') };
  const complete = wrong.length === 0 && empty.length === 0;
  // Missing grades count 0 in the partial total only; items are given only when nothing is missing.
  return { items: complete ? items : null, partial: mmt8Total(items), wrong, empty };
}
