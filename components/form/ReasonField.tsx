import type { TextareaHTMLAttributes } from 'react';
import { Field } from './Field';

/**
 * The reason every edit of saved clinical data must give; it goes to the audit trail. `input`
 * is the textarea's props: a react-hook-form registration, or a value and its onChange.
 */
export function ReasonField({ error, input }: { error?: string; input: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  return (
    <fieldset>
      <legend>Reason for the change</legend>
      <Field name="reason" label="Reason" error={error} hint="Kept in the record's audit trail">
        {(a11y) => <textarea {...a11y} rows={2} {...input} />}
      </Field>
    </fieldset>
  );
}
