'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { CDASI_ACTIVITY_MAX, CDASI_DAMAGE_MAX, CDASI_LOCATIONS, type CdasiItems } from '@/lib/instruments/cdasi';
import { CDASI_CELLS, CDASI_COLUMNS, CDASI_EXTRA_CELLS, cdasiCellId, cdasiDraftOf, readCdasiDraft } from '@/lib/instruments/cdasi-draft';
import { differsFromTyped, missingSummary, type CellSpec } from '@/lib/instruments/cells';
import { ApplyBar, CellProblems } from './ApplyBar';
import { keepEnterInside, useDraftGrid } from './useDraftGrid';

type CdasiTotals = { activity: number; damage: number };

type Props = {
  /** The visit's stored items, or null: the calculator then opens with every cell empty. */
  initial: CdasiItems | null;
  /** The totals as they stand in the form, to ask before replacing a different one. */
  typed: { activity: string; damage: string };
  onApply: (items: CdasiItems, totals: CdasiTotals) => void;
  onCancel: () => void;
  /** Told whether a cell (or the papules tick) differs from what the calculator opened with. */
  onChanged: (changed: boolean) => void;
};

const SPEC = new Map(CDASI_CELLS.map((s) => [s.id, s]));

/**
 * CDASI item by item, as a draft of its own: nothing reaches the form until "Use these scores".
 * 15 locations row by row, then the hand, nail and hair items.
 */
export function CdasiCalculator({ initial, typed, onApply, onCancel, onChanged }: Props) {
  const [start] = useState(() => cdasiDraftOf(initial));
  const grid = useDraftGrid('cdasi', CDASI_CELLS, start.texts, true);
  const [papules, setPapules] = useState(start.papules);
  const changed = grid.changed || papules !== start.papules;
  useEffect(() => onChanged(changed), [changed, onChanged]);
  const reading = readCdasiDraft({ texts: grid.texts, papules });
  const wrongIds = new Set(reading.wrong.map((w) => w.id));
  const total = reading.items ? reading.partial : null;

  const cell = (spec: CellSpec) => <input inputMode="numeric" {...grid.cellProps(spec, wrongIds.has(spec.id))} />;
  const replacing =
    total && (differsFromTyped(typed.activity, total.activity) || differsFromTyped(typed.damage, total.damage))
      ? `The typed CDASI totals are activity ${typed.activity.trim() || '—'} and damage ${typed.damage.trim() || '—'}; the calculator gives activity ${total.activity} and damage ${total.damage}. Replace the typed totals?`
      : null;

  return (
    <div className="calc" role="group" aria-label="CDASI calculator" onKeyDown={keepEnterInside}>
      <p className="muted">
        Type each score; the cursor moves on after each digit. Empty cells are not counted as 0 until you say so.
      </p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">CDASI scores per location</caption>
          <thead>
            <tr>
              <td />
              <th scope="colgroup" colSpan={3}>
                Activity
              </th>
              <th scope="colgroup" colSpan={2}>
                Damage
              </th>
            </tr>
            <tr>
              <th scope="col">Location</th>
              {CDASI_COLUMNS.map((c) => (
                <th key={c.item} scope="col" className="num">
                  {c.title} <span className="range">0–{c.max}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CDASI_LOCATIONS.map((loc) => (
              <tr key={loc.key}>
                <th scope="row">{loc.label}</th>
                {CDASI_COLUMNS.map((c) => (
                  <td key={c.item} className="num">
                    {cell(SPEC.get(cdasiCellId(loc.key, c.item))!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <HandsNailsHair cell={cell} papules={papules} setPapules={setPapules} />

      <p className="total" aria-live="polite">
        {total ? (
          `Calculated: activity ${total.activity} / ${CDASI_ACTIVITY_MAX}, damage ${total.damage} / ${CDASI_DAMAGE_MAX}`
        ) : (
          <>
            Calculated: activity —, damage —{' '}
            <span className="partial">
              ({missingSummary({ empty: reading.empty.length, wrong: reading.wrong.length, of: CDASI_CELLS.length, noun: 'cell' })}
              ; the cells in range so far add up to activity {reading.partial.activity}, damage {reading.partial.damage})
            </span>
          </>
        )}
      </p>
      <CellProblems prefix="cdasi" problems={reading.wrong} focusCell={grid.focusCell} />
      <ApplyBar
        wrong={reading.wrong}
        empty={reading.empty.length}
        noun="cell"
        zeroMeans="absent"
        question={replacing}
        replaceLabel={total ? `Replace with ${total.activity} and ${total.damage}` : ''}
        keepLabel="Keep the typed totals"
        onFill={grid.fillEmpty}
        onApply={() => reading.items && total && onApply(reading.items, total)}
        onCancel={onCancel}
        focusCell={grid.focusCell}
      />
    </div>
  );
}

const [GOTTRON_ERYTHEMA, GOTTRON_ULCERATION, GOTTRON_DAMAGE, PERIUNGUAL, HAIR_LOSS] = CDASI_EXTRA_CELLS;

/** The items after the grid: Gottron's on the hands (with the papules tick), periungual changes, hair loss. */
function HandsNailsHair({ cell, papules, setPapules }: { cell: (spec: CellSpec) => ReactNode; papules: boolean; setPapules: (on: boolean) => void }) {
  const range = (spec: CellSpec, hint?: string) => (
    <td className="muted">
      0–{spec.max}
      {hint ? ` · ${hint}` : ''}
    </td>
  );
  return (
    <div className="table-wrap">
      <table className="extras">
        <caption className="visually-hidden">Hands, nails and hair</caption>
        <tbody>
          <tr>
            <th scope="rowgroup" rowSpan={4}>
              Gottron&apos;s on the hands
            </th>
            <th scope="row">Erythema</th>
            <td>{cell(GOTTRON_ERYTHEMA)}</td>
            {range(GOTTRON_ERYTHEMA)}
          </tr>
          {/* Typing runs through the scores; the tick is reached with Tab. */}
          <tr>
            <th scope="row">
              <label htmlFor="cdasi-papules">Papules</label>
            </th>
            <td>
              <input id="cdasi-papules" type="checkbox" aria-label="Gottron's papules on the hands" aria-describedby="cdasi-papules-hint" checked={papules} onChange={(e) => setPapules(e.target.checked)} />
            </td>
            <td className="muted" id="cdasi-papules-hint">
              present: doubles the erythema score
            </td>
          </tr>
          <tr>
            <th scope="row">Ulceration</th>
            <td>{cell(GOTTRON_ULCERATION)}</td>
            {range(GOTTRON_ULCERATION)}
          </tr>
          <tr>
            <th scope="row">Damage</th>
            <td>{cell(GOTTRON_DAMAGE)}</td>
            {range(GOTTRON_DAMAGE, '1 dyspigmentation, 2 scarring')}
          </tr>
          {[PERIUNGUAL, HAIR_LOSS].map((spec) => (
            <tr key={spec.id}>
              <th scope="row" colSpan={2}>
                {spec.label}
              </th>
              <td>{cell(spec)}</td>
              {range(spec)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
