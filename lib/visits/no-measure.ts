import { VISIT_FIELDS, type VisitField } from './fields';

const text = (value: unknown) => String(value ?? '').trim();

/**
 * Whether a visit's form records no measure: every field of the field table is empty or still
 * as the form filled it in (a new visit's JAK-inhibitor dose, carried from the last visit).
 * The record would be valid (an import may hold such a row), but typed in the form it is most
 * likely a slip, and the form asks before saving it.
 */
export function recordsNoMeasure(values: Record<string, unknown>, prefilled: Record<string, unknown>): boolean {
  return VISIT_FIELDS.every((f: VisitField) => text(values[f.key]) === '' || text(values[f.key]) === text(prefilled[f.key]));
}
