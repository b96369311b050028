import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from './Field';

/** The reason every edit of saved clinical data must give; it goes to the audit trail. */
export function ReasonField({ error, registration }: { error?: string; registration: UseFormRegisterReturn }) {
  return (
    <fieldset>
      <legend>Reason for the change</legend>
      <Field name="reason" label="Reason" error={error} hint="Kept in the record's audit trail">
        {(a11y) => <textarea {...a11y} rows={2} {...registration} />}
      </Field>
    </fieldset>
  );
}
