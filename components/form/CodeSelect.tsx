import type { UseFormRegisterReturn } from 'react-hook-form';
import { label } from '@/lib/codes';
import { Field } from './Field';

/**
 * A select of codes, each shown by its label, with a blank choice first. `register` is called
 * as the select renders, in the form's order, so that a refused submit focuses the first field
 * in error.
 */
export function CodeSelect({
  name,
  title,
  codes,
  blank,
  error,
  register,
}: {
  name: string;
  title: string;
  codes: readonly string[];
  blank: string;
  error?: string;
  register: () => UseFormRegisterReturn;
}) {
  return (
    <Field name={name} label={title} error={error}>
      {(a11y) => (
        <select {...a11y} {...register()}>
          <option value="">{blank}</option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
