// How a record's field reads to a person, for the pages that show stored values rather than
// a form: the history pages and the audit trail (lib/audit/describe.ts). Each record kind
// keeps its table beside its schema (lib/patients/fields.ts, lib/adverse-events/fields.ts,
// lib/relapses/fields.ts; a visit's measures are lib/visits/fields.ts), in its form's order.

/** How a stored value is written out. */
export type ValueKind =
  | 'text'
  | 'number'
  /** A calendar date, YYYY-MM-DD. */
  | 'date'
  /** A moment, shown in UTC to the minute. */
  | 'time'
  /** One code of lib/codes.ts, in words. */
  | 'code'
  /** A list of codes, in words. */
  | 'codes'
  | 'yesno'
  /** A site's or a cohort's id, shown as its code; a list of them. */
  | 'ref'
  | 'refs'
  | 'ctcae'
  /** A client's address (lib/security/address.ts). */
  | 'address'
  /** A calculator's items, shown as its grid. */
  | 'cdasi'
  | 'mmt8';

export type RecordField = { key: string; label: string; kind: ValueKind; unit?: string };
