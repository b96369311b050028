'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useFormState, useWatch, type UseFormReturn } from 'react-hook-form';
import { Field } from '@/components/form/Field';
import { useLeaveGuard } from '@/components/form/leave-guard';
import type { VisitFormValues, VisitInput } from '@/lib/schemas/visit';
import { labelWithUnit, visitField } from '@/lib/visits/fields';

export type VisitFormApi = UseFormReturn<VisitFormValues, unknown, VisitInput>;
type TotalName = 'cdasiActivity' | 'cdasiDamage' | 'mmt8';
type ItemsName = 'cdasiItems' | 'mmt8Items';

export type CalculatorSlot = {
  /** The totals as they stand in the form. */
  typed: Record<TotalName, string>;
  /** Closes the calculator once its scores are used; `applied` says what was taken from it. */
  close: (applied: string) => void;
  /** Closes it without using its scores: at once, or after asking when its cells were changed. */
  cancel: () => void;
  /** The calculator says whether its cells differ from those it opened with. */
  changed: (changed: boolean) => void;
};

type Props = {
  form: VisitFormApi;
  legend: string;
  instrument: string;
  itemsName: ItemsName;
  totals: { name: TotalName; label: string; hint?: string }[];
  /** What to read beside a total (the previous visit's value, the change from baseline). */
  note?: (name: TotalName) => string | null;
  calculator: (slot: CalculatorSlot) => ReactNode;
  /** The group's other fields, after the totals. */
  children?: ReactNode;
};

/**
 * An instrument's totals with its calculator. Opening or closing the calculator changes nothing
 * in the form: only its "Use these scores" sets the items and totals, together. Closing it with
 * cells changed and not used asks first, in the page, as using them does before replacing a
 * typed total; so does leaving the page. While items are attached the totals are read-only;
 * removing the item scores makes them typeable again.
 */
export function InstrumentFieldset({ form, legend, instrument, itemsName, totals, note, calculator, children }: Props) {
  const { control, register, setValue } = form;
  const items = useWatch({ control, name: itemsName });
  const typedValues = useWatch({ control, name: ['cdasiActivity', 'cdasiDamage', 'mmt8'] });
  const { errors } = useFormState({ control, name: [...totals.map((t) => t.name), itemsName] });
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const discardButton = useRef<HTMLButtonElement>(null);
  // The button that asked to close (the toggle or the calculator's Cancel), for "keep".
  const asker = useRef<HTMLElement | null>(null);
  const closedOnce = useRef(false);
  const questionId = useId();
  const attached = Boolean(items);
  useLeaveGuard(open && changed);

  // After the calculator closes, focus returns to the button that opened it.
  useEffect(() => {
    if (!open && closedOnce.current) toggle.current?.focus();
  }, [open]);
  useEffect(() => {
    if (asking) discardButton.current?.focus();
  }, [asking]);

  const openCalculator = () => {
    setStatus('');
    setOpen(true);
  };
  const close = (applied: string | null) => {
    closedOnce.current = true;
    setOpen(false);
    setChanged(false);
    setAsking(false);
    setStatus(applied ?? `${instrument} calculator closed; nothing was changed.`);
  };
  const cancel = () => {
    if (!changed) return close(null);
    asker.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setAsking(true);
  };
  const keepOpen = () => {
    setAsking(false);
    asker.current?.focus();
  };
  const detach = () => {
    setValue(itemsName, null, { shouldDirty: true });
    setStatus(`${instrument} item scores removed: ${totalsWord(totals.length)} can be typed.`);
  };
  const [cdasiActivity = '', cdasiDamage = '', mmt8 = ''] = typedValues.map((v) => String(v ?? ''));
  const itemsError = errors[itemsName]?.message ?? (errors[itemsName] ? `Check the ${instrument} item scores` : undefined);

  return (
    <fieldset className="instrument">
      <legend>{legend}</legend>
      <div className="grid">
        {totals.map((t) => (
          <Field
            key={t.name}
            name={t.name}
            label={t.label}
            error={errors[t.name]?.message}
            hint={[t.hint, attached && 'from the calculator', note?.(t.name)].filter(Boolean).join(' · ') || undefined}
          >
            {(a11y) => <input {...a11y} inputMode="numeric" autoComplete="off" readOnly={attached} {...register(t.name)} />}
          </Field>
        ))}
        {children}
      </div>
      {attached && (
        <p className="calc-note">
          {totalsWord(totals.length, true)} from the item scores entered in the calculator, which are saved with the visit. Open the
          calculator to change the items, or remove the item scores to type {totalsWord(totals.length)} by hand.
        </p>
      )}
      <div className="actions">
        <button type="button" ref={toggle} aria-expanded={open} onClick={() => (open ? cancel() : openCalculator())}>
          {open ? `Close ${instrument} calculator` : `Open ${instrument} calculator`}
        </button>
        {attached && !open && (
          <button type="button" onClick={detach}>
            Remove item scores
          </button>
        )}
      </div>
      <p className="calc-status" role="status">
        {status}
      </p>
      {itemsError && (
        <p className="error" role="alert">
          {itemsError}
        </p>
      )}
      {open && calculator({ typed: { cdasiActivity, cdasiDamage, mmt8 }, close, cancel, changed: setChanged })}
      {asking && (
        <div className="confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>Close and discard the {instrument} scores typed? The visit keeps its totals.</p>
          <div className="actions">
            <button type="button" className="primary" ref={discardButton} onClick={() => close(null)}>
              Discard the typed scores
            </button>
            <button type="button" onClick={keepOpen}>
              Keep the calculator open
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

/** A total's label and help, from the field table. */
export function total(name: TotalName): { name: TotalName; label: string; hint?: string } {
  const field = visitField(name);
  return { name, label: labelWithUnit(field), hint: field.help };
}

function totalsWord(n: number, sentence = false): string {
  if (sentence) return n > 1 ? 'These totals come' : 'This total comes';
  return n > 1 ? 'the totals' : 'the total';
}
