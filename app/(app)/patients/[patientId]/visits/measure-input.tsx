'use client';

import { useFormState } from 'react-hook-form';
import { Field } from '@/components/form/Field';
import type { VisitFormApi } from '@/components/instruments/InstrumentFieldset';
import { label } from '@/lib/codes';
import { labelWithUnit, type VisitField } from '@/lib/visits/fields';
import type { VisitFormValues } from '@/lib/schemas/visit';

type Name = keyof VisitFormValues;

/**
 * One measure of the field table as a form control: a number as text (a decimal comma is
 * taken), a code or yes/no as a select. `note` (the previous visit's value, a change from
 * baseline) is read with the field's help.
 */
export function MeasureInput({
  field,
  form,
  note,
  readOnly = false,
  onChange,
  choices,
  blank = 'Not recorded',
}: {
  field: VisitField;
  form: VisitFormApi;
  note?: string | null;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  /** A code field's options in the order to offer them (all its codes by default). */
  choices?: readonly string[];
  /** The empty option's text. */
  blank?: string;
}) {
  const name = field.key as Name;
  const { errors } = useFormState({ control: form.control, name });
  const registration = form.register(name, onChange ? { onChange: (e) => onChange(String(e.target.value)) } : undefined);
  const hint = [field.help, note].filter(Boolean).join(' · ') || undefined;
  return (
    <Field name={name} label={labelWithUnit(field)} error={errors[name]?.message as string | undefined} hint={hint}>
      {(a11y) =>
        field.kind === 'number' ? (
          <input {...a11y} inputMode="decimal" autoComplete="off" readOnly={readOnly} {...registration} />
        ) : (
          <select {...a11y} {...registration}>
            <option value="">{blank}</option>
            {field.kind === 'yesno' ? (
              <>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </>
            ) : (
              (choices ?? field.codes).map((c) => (
                <option key={c} value={c}>
                  {label(c)}
                </option>
              ))
            )}
          </select>
        )
      }
    </Field>
  );
}
