import type { UseFormRegisterReturn } from 'react-hook-form';
import { label } from '@/lib/codes';
import { Field } from './Field';

/** A select of codes, each shown by its label, with a blank choice first. */
export function CodeSelect({
  name,
  title,
  codes,
  blank,
  error,
  registration,
}: {
  name: string;
  title: string;
  codes: readonly string[];
  blank: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field name={name} label={title} error={error}>
      {(a11y) => (
        <select {...a11y} {...registration}>
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
