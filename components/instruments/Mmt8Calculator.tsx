'use client';

import { useEffect, useState } from 'react';
import { differsFromTyped, missingSummary, type CellSpec } from '@/lib/instruments/cells';
import { MMT8_AXIAL, MMT8_BILATERAL, MMT8_MAX, type Mmt8Items } from '@/lib/instruments/mmt8';
import { MMT8_CELLS, MMT8_SIDES, mmt8CellId, mmt8DraftOf, readMmt8Draft } from '@/lib/instruments/mmt8-draft';
import { ApplyBar, CellProblems } from './ApplyBar';
import { keepEnterInside, useDraftGrid } from './useDraftGrid';

type Props = {
  /** The visit's stored grades, or null: the calculator then opens with every grade empty. */
  initial: Mmt8Items | null;
  /** The total as it stands in the form, to ask before replacing a different one. */
  typed: string;
  onApply: (items: Mmt8Items, total: number) => void;
  onCancel: () => void;
  /** Told whether a grade differs from what the calculator opened with. */
  onChanged: (changed: boolean) => void;
};

const SPEC = new Map(MMT8_CELLS.map((s) => [s.id, s]));

/**
 * MMT8 on the Kendall 0–10 scale, as a draft of its own: neck flexors once, seven groups right
 * then left. Nothing reaches the form until "Use these scores".
 */
export function Mmt8Calculator({ initial, typed, onApply, onCancel, onChanged }: Props) {
  const [start] = useState(() => mmt8DraftOf(initial));
  // No moving on by itself: a typed 1 may be the start of 10.
  const grid = useDraftGrid('mmt8', MMT8_CELLS, start, false);
  useEffect(() => onChanged(grid.changed), [grid.changed, onChanged]);
  const reading = readMmt8Draft(grid.texts);
  const wrongIds = new Set(reading.wrong.map((w) => w.id));
  const total = reading.items ? reading.partial : null;

  const cell = (spec: CellSpec) => <input {...grid.cellProps(spec, wrongIds.has(spec.id))} />;
  const replacing =
    total !== null && differsFromTyped(typed, total)
      ? `The typed MMT8 total is ${typed.trim()}; the calculator gives ${total}. Replace the typed total?`
      : null;

  return (
    <div className="calc" role="group" aria-label="MMT8 calculator" onKeyDown={keepEnterInside}>
      <p className="muted">Type each grade, 0 to 10 or T, and Tab to the next: right then left for each group.</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Kendall grades per muscle group</caption>
          <thead>
            <tr>
              <th scope="col">Muscle group</th>
              {MMT8_SIDES.map((s) => (
                <th key={s.side} scope="col" className="num">
                  {s.title} <span className="range">0–10, T</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{MMT8_AXIAL.label}</th>
              <td colSpan={2} className="num">
                {cell(SPEC.get(mmt8CellId(MMT8_AXIAL.key))!)}
              </td>
            </tr>
            {MMT8_BILATERAL.map((g) => (
              <tr key={g.key}>
                <th scope="row">{g.label}</th>
                {MMT8_SIDES.map(({ side }) => (
                  <td key={side} className="num">
                    {cell(SPEC.get(mmt8CellId(g.key, side))!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="trace-note">
        <strong>T (trace)</strong>: a contraction felt or seen without movement of the joint. It counts 0 in the total and is
        stored as T, apart from 0.
      </p>

      <p className="total" aria-live="polite">
        {total !== null ? (
          `Calculated: ${total} / ${MMT8_MAX}`
        ) : (
          <>
            Calculated: —{' '}
            <span className="partial">
              ({missingSummary({ empty: reading.empty.length, wrong: reading.wrong.length, of: MMT8_CELLS.length, noun: 'grade' })}
              ; the grades in range so far add up to {reading.partial})
            </span>
          </>
        )}
      </p>
      <CellProblems prefix="mmt8" problems={reading.wrong} focusCell={grid.focusCell} />
      <ApplyBar
        wrong={reading.wrong}
        empty={reading.empty.length}
        noun="grade"
        zeroMeans="no contraction"
        question={replacing}
        replaceLabel={`Replace with ${total}`}
        keepLabel={`Keep the typed total ${typed.trim()}`}
        onFill={grid.fillEmpty}
        onApply={() => reading.items && total !== null && onApply(reading.items, total)}
        onCancel={onCancel}
        focusCell={grid.focusCell}
      />
    </div>
  );
}
