import { boolean, integer, numeric, text, type PgBooleanBuilderInitial, type PgIntegerBuilderInitial, type PgNumericNumberBuilderInitial, type PgTextBuilderInitial } from 'drizzle-orm/pg-core';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';

// The visit's measure columns, one per entry of the field table (lib/visits/fields.ts):
// whole-number scores as integer, other numbers as numeric (read as JS numbers), codes as
// text limited to the field's codes, yes/no as boolean.

type Writable<T> = { -readonly [K in keyof T]: T[K] };

type ColumnOf<F> = F extends { kind: 'number'; whole: true }
  ? PgIntegerBuilderInitial<''>
  : F extends { kind: 'number' }
    ? PgNumericNumberBuilderInitial<''>
    : F extends { kind: 'code'; codes: infer C extends readonly [string, ...string[]] }
      ? PgTextBuilderInitial<'', Writable<C>>
      : PgBooleanBuilderInitial<''>;

type Field = (typeof VISIT_FIELDS)[number];
export type MeasureColumns = { [F in Field as F['key']]: ColumnOf<F> };

function columnOf(f: VisitField) {
  switch (f.kind) {
    case 'number':
      return f.whole ? integer(f.column) : numeric(f.column, { mode: 'number' });
    case 'code':
      return text(f.column, { enum: f.codes });
    case 'yesno':
      return boolean(f.column);
  }
}

export function measureColumns(): MeasureColumns {
  return Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, columnOf(f)])) as unknown as MeasureColumns;
}
