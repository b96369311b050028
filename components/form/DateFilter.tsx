import { filterDate, normalizeDateEntry } from '@/lib/date-entry';
import { DateInput } from './DateInput';

/**
 * A date of a GET filter form, kept from the query string. A date that does not exist is
 * named under the field (the listing ignores it, lib/review/) rather than dropped without a word.
 */
export function DateFilter({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  const id = `filter-${name}`;
  const typed = normalizeDateEntry(value ?? '');
  const wrong = typed !== '' && !filterDate(typed);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <DateInput id={id} name={name} defaultValue={typed} aria-invalid={wrong} aria-describedby={wrong ? `${id}-error` : undefined} />
      {wrong && (
        <span className="error" id={`${id}-error`}>
          {label} must be a date (YYYY-MM-DD); it was not applied
        </span>
      )}
    </div>
  );
}
