// The CDASI calculator's draft: one text per cell and the papules tick, read into items and
// totals only when every cell holds a value in its own range.

import { CDASI_ITEM_MAX, CDASI_LOCATIONS, cdasiScores, type CdasiItems, type CdasiLocation } from './cdasi';
import { readDraft, type CellProblem, type CellSpec, type DraftTexts } from './cells';

export const CDASI_COLUMNS = [
  { item: 'erythema', title: 'Erythema', max: CDASI_ITEM_MAX.erythema },
  { item: 'scale', title: 'Scale', max: CDASI_ITEM_MAX.scale },
  { item: 'erosion', title: 'Erosion / ulcer', max: CDASI_ITEM_MAX.erosion },
  { item: 'poikiloderma', title: 'Poikiloderma', max: CDASI_ITEM_MAX.poikiloderma },
  { item: 'calcinosis', title: 'Calcinosis', max: CDASI_ITEM_MAX.calcinosis },
] as const satisfies readonly { item: keyof CdasiLocation; title: string; max: number }[];

const GOTTRON = "Gottron's on the hands";

/** The items after the location grid, in the order they are shown and typed. */
export const CDASI_EXTRA_CELLS = [
  { id: 'gottronHands.erythema', label: `${GOTTRON} erythema`, max: CDASI_ITEM_MAX.gottronErythema },
  { id: 'gottronHands.ulceration', label: `${GOTTRON} ulceration`, max: CDASI_ITEM_MAX.gottronUlceration },
  { id: 'gottronHands.damage', label: `${GOTTRON} damage`, max: CDASI_ITEM_MAX.gottronDamage },
  { id: 'periungual', label: 'Periungual changes', max: CDASI_ITEM_MAX.periungual },
  { id: 'hairLoss', label: 'Recent hair loss', max: CDASI_ITEM_MAX.hairLoss },
] as const satisfies readonly CellSpec[];

export const cdasiCellId = (location: string, item: string) => `${location}.${item}`;

/** Every cell, row by row: erythema, scale, erosion, poikiloderma, calcinosis per location, then the extras. */
export const CDASI_CELLS: readonly CellSpec[] = [
  ...CDASI_LOCATIONS.flatMap((loc) =>
    CDASI_COLUMNS.map((c) => ({ id: cdasiCellId(loc.key, c.item), label: `${loc.label} ${c.item}`, max: c.max })),
  ),
  ...CDASI_EXTRA_CELLS,
];

export type CdasiDraft = { texts: DraftTexts; papules: boolean };

export type CdasiDraftReading = {
  /** The items, only when no cell is empty or wrong. */
  items: CdasiItems | null;
  /** Activity and damage of the cells in range so far (empty and wrong cells add nothing). */
  partial: { activity: number; damage: number };
  wrong: CellProblem[];
  empty: string[];
};

export function emptyCdasiDraft(): CdasiDraft {
  return { texts: {}, papules: false };
}

/** The draft a calculator opens with: the visit's stored items, or every cell empty. */
export function cdasiDraftOf(items: CdasiItems | null | undefined): CdasiDraft {
  if (!items) return emptyCdasiDraft();
  const texts: DraftTexts = {};
  for (const loc of CDASI_LOCATIONS)
    for (const c of CDASI_COLUMNS) texts[cdasiCellId(loc.key, c.item)] = String(items.locations[loc.key][c.item]);
  texts['gottronHands.erythema'] = String(items.gottronHands.erythema);
  texts['gottronHands.ulceration'] = String(items.gottronHands.ulceration);
  texts['gottronHands.damage'] = String(items.gottronHands.damage);
  texts.periungual = String(items.periungual);
  texts.hairLoss = String(items.hairLoss);
  return { texts, papules: items.gottronHands.papules };
}

export function readCdasiDraft(draft: CdasiDraft): CdasiDraftReading {
  const { values, wrong, empty } = readDraft(CDASI_CELLS, draft.texts);
  // Missing cells count 0 in the partial sums only; items are given only when nothing is missing.
  const n = (id: string) => {
    const v = values.get(id);
    return typeof v === 'number' ? v : 0;
  };
  const locations = Object.fromEntries(
    CDASI_LOCATIONS.map((loc) => [loc.key, Object.fromEntries(CDASI_COLUMNS.map((c) => [c.item, n(cdasiCellId(loc.key, c.item))]))]),
  ) as CdasiItems['locations'];
  const items: CdasiItems = {
    locations,
    gottronHands: {
      erythema: n('gottronHands.erythema'),
      papules: draft.papules,
      ulceration: n('gottronHands.ulceration'),
      damage: n('gottronHands.damage'),
    },
    periungual: n('periungual'),
    hairLoss: n('hairLoss'),
  };
  const complete = wrong.length === 0 && empty.length === 0;
  return { items: complete ? items : null, partial: cdasiScores(items), wrong, empty };
}
