import { isIsoDate } from '@/lib/dates';

// Dates are typed and shown one way across the app: ISO, YYYY-MM-DD. A clinician may type the
// digits alone (20240122) or with another separator (2024/01/22, 2024.1.22); what they mean is
// rewritten as ISO. Whether the date exists is the schemas' question (lib/schemas/fields.ts):
// anything else is left as typed, so that their message names the field.

const DIGITS_ONLY = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/** The ISO form of a typed date, or the text (trimmed) when it is not a year, month and day. */
export function normalizeDateEntry(text: string): string {
  const s = text.trim();
  const m = DIGITS_ONLY.exec(s) ?? SEPARATED.exec(s);
  if (!m) return s;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** A filter's date from a query string: the ISO date typed, or undefined when blank or no date. */
export function filterDate(text: string | undefined): string | undefined {
  const iso = normalizeDateEntry(text ?? '');
  return isIsoDate(iso) ? iso : undefined;
}
