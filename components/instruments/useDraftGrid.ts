'use client';

import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { fillEmptyCells, isCompleteEntry, type CellSpec, type DraftTexts } from '@/lib/instruments/cells';

/** The DOM id of a cell's message, which the cell's aria-describedby points to. */
export const cellMessageId = (prefix: string, id: string) => `${prefix}-${id.replace(/\W/g, '-')}-message`;

/**
 * A calculator's cells as local state: their texts, focus moving row by row, and Enter kept
 * from submitting the visit form. With `autoAdvance`, typing a complete value moves to the next
 * cell, so a row of single-digit scores needs no Tab.
 */
export function useDraftGrid(prefix: string, specs: readonly CellSpec[], initial: DraftTexts, autoAdvance: boolean) {
  const [texts, setTexts] = useState(initial);
  const inputs = useRef(new Map<string, HTMLInputElement>());

  const focusCell = (id: string) => {
    const el = inputs.current.get(id);
    el?.focus();
    el?.select();
  };
  const focusNext = (id: string) => {
    const next = specs[specs.findIndex((s) => s.id === id) + 1];
    if (next) focusCell(next.id);
  };

  const cellProps = (spec: CellSpec, wrong: boolean) => ({
    ref: (el: HTMLInputElement | null) => {
      if (el) inputs.current.set(spec.id, el);
      else inputs.current.delete(spec.id);
    },
    type: 'text',
    autoComplete: 'off',
    spellCheck: false,
    value: texts[spec.id] ?? '',
    'aria-label': spec.label,
    'aria-invalid': wrong,
    'aria-describedby': wrong ? cellMessageId(prefix, spec.id) : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const text = e.target.value;
      setTexts((t) => ({ ...t, [spec.id]: text }));
      // Only on typing: deleting back to a valid digit must not jump away.
      const typed = (e.nativeEvent as InputEvent).inputType?.startsWith('insert');
      if (autoAdvance && typed && isCompleteEntry(spec, text)) focusNext(spec.id);
    },
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      focusNext(spec.id);
    },
  });

  return {
    texts,
    /** Whether a cell differs from what the calculator opened with. */
    changed: specs.some((s) => (texts[s.id] ?? '') !== (initial[s.id] ?? '')),
    cellProps,
    focusCell,
    fillEmpty: () => setTexts((t) => fillEmptyCells(specs, t)),
  };
}

/** Keeps Enter in any calculator control (the papules tick too) from submitting the visit form. */
export function keepEnterInside(e: KeyboardEvent<HTMLElement>) {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement) e.preventDefault();
}
