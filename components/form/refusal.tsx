'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { FieldErrors } from '@/lib/errors';

// What every form does when the server refuses a save ("someone else saved first", a field
// the server found wrong): the message is announced (role=alert) and the user is taken to the
// problem, the first wrong field or else the message itself. Without it the message could sit
// above the viewport while focus stayed on the body, and the click seemed to do nothing.

export type Refusal = { message: string; seq: number };
type Refused = { message: string; fieldErrors?: FieldErrors };

/** Focus (and scroll to) the first field marked invalid in the alert's form, or else the alert. */
function bringToProblem(alert: HTMLElement) {
  const scope = alert.closest('form') ?? alert.parentElement;
  const target = scope?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
}

/**
 * The ref for a form's alert; each time `refused` changes to a new non-null value (after the
 * render that shows it and marks the fields), the user is taken to the problem.
 */
export function useFocusOnRefusal(refused: unknown): RefObject<HTMLDivElement | null> {
  const alertRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refused && alertRef.current) bringToProblem(alertRef.current);
  }, [refused]);
  return alertRef;
}

/**
 * For a form's submit handler: `refuse(result)` shows the server's message, puts each field
 * error at its field (react-hook-form's setError, when given) and takes the user to the first.
 * Spread `alert` into <FormAlert />.
 */
export function useRefusal<T extends FieldValues>(setError?: UseFormSetError<T>) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const alertRef = useFocusOnRefusal(refusal);
  const refuse = useCallback(
    (result: Refused) => {
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) setError?.(name as Path<T>, { message });
      setRefusal((last) => ({ message: result.message, seq: (last?.seq ?? 0) + 1 }));
    },
    [setError],
  );
  const clear = useCallback(() => setRefusal(null), []);
  return { refuse, clear, alert: { refusal, alertRef } };
}

/** The form's refusal message; a new refusal replaces the element, so that it is announced again. */
export function FormAlert({ refusal, alertRef }: { refusal: Refusal | null; alertRef: RefObject<HTMLDivElement | null> }) {
  if (!refusal) return null;
  return (
    <div key={refusal.seq} ref={alertRef} className="alert error" role="alert" tabIndex={-1}>
      {refusal.message}
    </div>
  );
}
