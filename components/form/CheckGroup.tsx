import { FieldQueries } from '@/components/queries/FieldQueries';
import type { UseFormRegisterReturn } from 'react-hook-form';

/** A set of checkboxes that fills one list field, with the field's error under it. */
export function CheckGroup({
  name,
  legend,
  options,
  error,
  register,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  error?: string;
  register: UseFormRegisterReturn;
}) {
  const errorId = `f-${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {options.map((o) => (
          <label key={o.value}>
            <input type="checkbox" value={o.value} aria-invalid={Boolean(error)} {...register} /> {o.label}
          </label>
        ))}
      </div>
      <span className="error" id={errorId} aria-live="polite">
        {error}
      </span>
      <FieldQueries name={name} />
    </fieldset>
  );
}
