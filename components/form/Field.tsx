import type { ReactNode } from 'react';
import { FieldQueries } from '@/components/queries/FieldQueries';

export type FieldA11y = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

/** A labelled control with its hint and error, tied together for screen readers, and the queries on it (an edit's). */
export function Field({
  name,
  label,
  error,
  hint,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const id = `f-${name.replace(/\W/g, '-')}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described || undefined })}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <span className="error" id={`${id}-error`} aria-live="polite">
        {error}
      </span>
      <FieldQueries name={name} />
    </div>
  );
}
