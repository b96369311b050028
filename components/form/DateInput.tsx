'use client';

import type { ChangeEvent, ComponentPropsWithRef, FocusEvent } from 'react';
import { normalizeDateEntry } from '@/lib/date-entry';

type Props = Omit<ComponentPropsWithRef<'input'>, 'type' | 'inputMode' | 'placeholder'>;

/**
 * A date typed the way the app shows dates: YYYY-MM-DD. A text field rather than
 * type="date", whose display follows the browser's locale (MM/DD/YYYY in en-US) and whose
 * segments slow keyboard entry. Eight digits (20240122) become 2024-01-22 as they are typed;
 * other separators are rewritten on leaving the field. Works with react-hook-form's
 * register() and as a plain named field of a GET form.
 */
export function DateInput({ onChange, onBlur, ...props }: Props) {
  const rewrite = (input: HTMLInputElement, whole: boolean) => {
    const typed = input.value;
    if (!whole && !/^\d{8}$/.test(typed.trim())) return;
    const iso = normalizeDateEntry(typed);
    if (iso !== typed) input.value = iso;
  };
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      autoComplete="off"
      spellCheck={false}
      onChange={(e: ChangeEvent<HTMLInputElement>) => {
        rewrite(e.target, false);
        onChange?.(e);
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        rewrite(e.target, true);
        onBlur?.(e);
      }}
    />
  );
}
