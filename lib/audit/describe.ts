import { ADVERSE_EVENT_FIELDS, CTCAE_GRADES } from '@/lib/adverse-events/fields';
import { label } from '@/lib/codes';
import { timeText } from '@/lib/dates';
import { CDASI_LOCATIONS } from '@/lib/instruments/cdasi';
import { CDASI_COLUMNS, CDASI_EXTRA_CELLS, cdasiCellId, cdasiDraftOf } from '@/lib/instruments/cdasi-draft';
import { MMT8_AXIAL, MMT8_BILATERAL } from '@/lib/instruments/mmt8';
import { MMT8_SIDES, mmt8CellId, mmt8DraftOf } from '@/lib/instruments/mmt8-draft';
import { PATIENT_FIELDS } from '@/lib/patients/fields';
import type { RecordField, ValueKind } from '@/lib/records/fields';
import { RELAPSE_FIELDS } from '@/lib/relapses/fields';
import { shownAddress } from '@/lib/security/address';
import type { AuditAction } from './vocabulary';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';

// An audit entry as a person reads it: what it did in words, the record it is about by name,
// and what changed, field by field, with the form's labels and order, units, codes in words
// and a calculator's items as their grid. The history pages and the audit trail show entries
// through these functions; the audit CSV names records with them too.

// ---------------------------------------------------------------------------------------------
// Words for actions and record kinds

// Every action of the trail (AUDIT_ACTIONS) has its words: a new one cannot be added without them.
const ACTION_WORDS: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  void: 'Voided',
  review: 'Reviewed',
  verify: 'Verified against the source',
  sign: 'Signed electronically',
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in refused',
  sign_in_locked: 'Account locked after failed sign-ins',
  sign_in_unlocked: 'Account unlocked by an admin',
  lock: 'Locked for analysis',
  unlock: 'Unlocked',
  import: 'Imported',
  export: 'Exported',
  revoke: 'Revoked',
  query_raise: 'Query raised',
  query_answer: 'Query answered',
  query_close: 'Query closed',
  query_reopen: 'Query sent back',
} satisfies Record<AuditAction, string>;

const ENTITY_WORDS: Record<string, string> = {
  patient: 'Patient',
  visit: 'Visit',
  adverse_event: 'Adverse event',
  relapse: 'Relapse',
  user: 'User account',
  session: 'Sign-in',
  cohort: 'Cohort',
  site: 'Site',
  report: 'Report',
  audit_log: 'Audit trail',
  access_token: 'Access token',
};

/** "Changed", "Sign-in refused": an action in words. */
export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? humanise(action);
}

/** "Adverse event", "User account": a kind of record in words. */
export function entityWords(entity: string): string {
  return ENTITY_WORDS[entity] ?? humanise(entity);
}

/**
 * Who wrote an entry: the user's name, or in words for writers that are no user: a refused
 * sign-in for an unknown email ("anonymous"), the command line and other tools ("system:cli").
 */
export function actorWords(actorId: string, name: string | null): string {
  if (name) return name;
  if (actorId === 'anonymous') return 'Unknown account';
  if (actorId === 'system:cli') return 'Command line';
  if (actorId === 'system:seed') return 'Demo data';
  if (actorId.startsWith('system:')) return `System (${actorId.slice('system:'.length)})`;
  return actorId;
}

/** "reportSettings" → "Report settings", "sign_in" → "Sign in": a key no table names, in words. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// ---------------------------------------------------------------------------------------------
// The fields of each kind of record, in the order of its form

function measure(f: VisitField): RecordField {
  return { key: f.key, label: f.label, unit: f.unit, kind: f.kind === 'number' ? 'number' : f.kind };
}

/** A visit: its date and type, then the field table's measures, each calculator's items after its totals. */
const VISIT_RECORD_FIELDS: readonly RecordField[] = [
  { key: 'visitDate', label: 'Visit date', kind: 'date' },
  { key: 'visitType', label: 'Visit type', kind: 'code' },
  ...VISIT_FIELDS.flatMap((f: VisitField): RecordField[] => {
    if (f.key === 'cdasiDamage') return [measure(f), { key: 'cdasiItems', label: 'CDASI items', kind: 'cdasi' }];
    if (f.key === 'mmt8') return [measure(f), { key: 'mmt8Items', label: 'MMT8 grades', kind: 'mmt8' }];
    return [measure(f)];
  }),
];

const USER_FIELDS: readonly RecordField[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'email', label: 'Email', kind: 'text' },
  { key: 'role', label: 'Role', kind: 'code' },
  { key: 'siteIds', label: 'Sites', kind: 'refs' },
  { key: 'active', label: 'Active', kind: 'yesno' },
  { key: 'investigatorSiteIds', label: 'Investigator (signs records) at', kind: 'refs' },
];

const SESSION_FIELDS: readonly RecordField[] = [
  { key: 'ipAddress', label: 'Address', kind: 'address' },
  { key: 'userAgent', label: 'Browser', kind: 'text' },
  { key: 'failures', label: 'Failed sign-ins in a row', kind: 'number' },
  { key: 'locked', label: 'Refused: the account was locked', kind: 'yesno' },
  { key: 'deactivated', label: 'Refused: the account is deactivated', kind: 'yesno' },
  { key: 'lockedUntil', label: 'Locked until', kind: 'time' },
  { key: 'signing', label: 'Password entered to sign', kind: 'yesno' },
];

const ACCESS_TOKEN_FIELDS: readonly RecordField[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'scopes', label: 'Scopes', kind: 'codes' },
  { key: 'hint', label: 'Begins with', kind: 'text' },
  { key: 'expiresAt', label: 'Expires', kind: 'time' },
  { key: 'revokedAt', label: 'Revoked', kind: 'time' },
];

const FIELDS: Record<string, readonly RecordField[]> = {
  patient: PATIENT_FIELDS,
  visit: VISIT_RECORD_FIELDS,
  adverse_event: ADVERSE_EVENT_FIELDS,
  relapse: RELAPSE_FIELDS,
  user: USER_FIELDS,
  session: SESSION_FIELDS,
  access_token: ACCESS_TOKEN_FIELDS,
};

/** The fields of a kind of record, in its form's order; none for kinds without a table. */
export function fieldsOf(entity: string): readonly RecordField[] {
  return FIELDS[entity] ?? [];
}

// Bookkeeping every record carries: the entry's own who, when and why say it already, and the
// record's patient is in its name.
const HIDDEN = new Set([
  'id',
  'patientId',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'voidedAt',
  'voidedBy',
  'voidReason',
  'reviewedAt',
  'reviewedBy',
  'signatureId',
  'queryId',
]);

// A query's step (db/queries/data-queries.ts) records the field it is about by its key, its
// text and the state it leaves the query in; an answer that changed the value, the version made.
const QUERY_STEP_FIELDS: readonly RecordField[] = [
  { key: 'queryField', label: 'Query on', kind: 'text' },
  { key: 'question', label: 'Question', kind: 'text' },
  { key: 'answer', label: 'Answer', kind: 'text' },
  { key: 'comment', label: 'Comment', kind: 'text' },
  { key: 'queryState', label: 'Query', kind: 'text' },
  { key: 'changedVersion', label: 'Value changed in version', kind: 'number' },
];

/** A query step's field key in words: the queried record's field label. */
function withFieldLabel(entity: string, v: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!v || typeof v.queryField !== 'string') return v;
  const field = fieldsOf(entity).find((f) => f.key === v.queryField);
  return { ...v, queryField: field ? withUnit(field.label, field.unit && `(${field.unit})`) : v.queryField };
}

// ---------------------------------------------------------------------------------------------
// Values

/** Names for ids that stored values hold: a site's or a cohort's id → its code, a user's id → their name. */
export type Names = Readonly<Record<string, string>>;

// Keys whose stored value is a user's id, with their labels: a cohort's lock, a token's owner,
// an export's filter by user. Their change names the user; the ids stay at hand (`title`).
// Other authors (createdBy, reviewedBy…) are bookkeeping (HIDDEN).
const USER_KEYS: Readonly<Record<string, string>> = { lockedBy: 'Locked by', userId: 'User', actorId: 'User', raisedBy: 'Raised by' };

/** The user ids entries' values hold (under USER_KEYS): the data layer reads their names, a page of entries at once. */
export function userIdsOf(entries: readonly { before: unknown; after: unknown }[]): string[] {
  const ids = new Set<string>();
  for (const { before, after } of entries)
    for (const values of [before, after])
      for (const key of Object.keys(USER_KEYS)) {
        const id = isObject(values) ? values[key] : undefined;
        if (typeof id === 'string' && id !== '') ids.add(id);
      }
  return [...ids];
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withUnit(text: string, unit: string | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

/** A code in words: the interchange's codes, else the trail's own (an export's filters name actions and record kinds). */
function codeWords(code: string): string {
  const words = label(code);
  if (words !== code) return words;
  return ACTION_WORDS[code] ?? ENTITY_WORDS[code] ?? code;
}

/** A value whose field no table names: words for what it looks like. */
function anyText(v: unknown, names: Names): string {
  if (isEmpty(v)) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return names[v] ?? (ISO_TIME.test(v) ? timeText(v) : codeWords(v));
  if (Array.isArray(v)) return v.map((x) => anyText(x, names)).join(', ');
  if (isObject(v)) return Object.entries(v).map(([k, x]) => `${humanise(k)}: ${anyText(x, names)}`).join('; ');
  return String(v);
}

const CTCAE = new Map<string, string>(CTCAE_GRADES.map((g) => [g.value, g.text]));

/** A stored value as its field reads: "2 g/kg", "Venous thromboembolism", "yes", "—" when not recorded. */
export function valueText(field: Pick<RecordField, 'kind' | 'unit'>, v: unknown, names: Names = {}): string {
  if (isEmpty(v)) return '—';
  const kind: ValueKind = field.kind;
  switch (kind) {
    case 'number':
      return typeof v === 'number' || typeof v === 'string' ? withUnit(String(v), field.unit) : anyText(v, names);
    case 'date':
      return typeof v === 'string' ? (ISO_TIME.test(v) ? v.slice(0, 10) : v) : anyText(v, names);
    case 'time':
      return typeof v === 'string' ? timeText(v) : anyText(v, names);
    case 'code':
      return label(String(v));
    case 'codes':
      return Array.isArray(v) ? v.map((c) => label(String(c))).join(', ') : label(String(v));
    case 'yesno':
      return typeof v === 'boolean' ? (v ? 'yes' : 'no') : anyText(v, names);
    case 'ref':
      return names[String(v)] ?? String(v);
    case 'refs':
      return Array.isArray(v) ? v.map((id) => names[String(id)] ?? String(id)).join(', ') : anyText(v, names);
    case 'ctcae':
      return CTCAE.get(String(v)) ?? String(v);
    case 'address':
      return shownAddress(String(v)) ?? '—';
    case 'cdasi':
    case 'mmt8':
      return 'recorded item by item';
    case 'text':
      return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// A calculator's items as its grid

/** One cell: its value after the entry, and before it when the entry changed it. */
export type GridCell = { text: string; was: string | null; span: number };
export type GridRow = { label: string; cells: GridCell[] };
/** `changed`: how many cells the entry changed (0 for a creation). */
export type Grid = { columns: string[]; rows: GridRow[]; changed: number };

type Texts = Record<string, string>;

/** The calculator's cell texts of stored items; null when they are not items of this shape. */
function textsOf(read: () => Texts): Texts | null {
  try {
    return read();
  } catch {
    return null;
  }
}

function cdasiTexts(items: unknown): Texts | null {
  if (!isObject(items)) return {};
  return textsOf(() => {
    const draft = cdasiDraftOf(items as Parameters<typeof cdasiDraftOf>[0]);
    return { ...draft.texts, papules: draft.papules ? 'yes' : 'no' };
  });
}

function mmt8Texts(items: unknown): Texts | null {
  if (!isObject(items)) return {};
  return textsOf(() => mmt8DraftOf(items as Parameters<typeof mmt8DraftOf>[0]));
}

type Layout = { columns: string[]; rows: { label: string; ids: string[] }[] };

const CDASI_LAYOUT: Layout = {
  columns: CDASI_COLUMNS.map((c) => c.title),
  rows: [
    ...CDASI_LOCATIONS.map((loc) => ({ label: loc.label, ids: CDASI_COLUMNS.map((c) => cdasiCellId(loc.key, c.item)) })),
    ...CDASI_EXTRA_CELLS.slice(0, 1).map((c) => ({ label: c.label, ids: [c.id] })),
    { label: "Gottron's papules on the hands", ids: ['papules'] },
    ...CDASI_EXTRA_CELLS.slice(1).map((c) => ({ label: c.label, ids: [c.id] })),
  ],
};

const MMT8_LAYOUT: Layout = {
  columns: MMT8_SIDES.map((s) => s.title),
  rows: [
    { label: MMT8_AXIAL.label, ids: [mmt8CellId(MMT8_AXIAL.key)] },
    ...MMT8_BILATERAL.map((g) => ({ label: g.label, ids: MMT8_SIDES.map(({ side }) => mmt8CellId(g.key, side)) })),
  ],
};

function grid(layout: Layout, before: Texts | null, after: Texts): Grid {
  let changed = 0;
  const rows = layout.rows.map((row) => ({
    label: row.label,
    cells: row.ids.map((id) => {
      const text = after[id] ?? '—';
      const was = before === null ? null : (before[id] ?? '—');
      const differs = was !== null && was !== text;
      if (differs) changed += 1;
      return { text, was: differs ? was : null, span: row.ids.length === 1 ? layout.columns.length : 1 };
    }),
  }));
  return { columns: layout.columns, rows, changed };
}

// ---------------------------------------------------------------------------------------------
// What an entry changed

/** `title`: for a field that holds a user, their ids as stored ("User id: — → 15e1…"), for the auditor. */
export type ValueChange = { kind: 'value'; key: string; label: string; before: string | null; after: string; title?: string };
export type GridChange = { kind: 'grid'; key: string; label: string; grid: Grid };
/** One field an entry set (`before` null) or changed. */
export type Change = ValueChange | GridChange;

/**
 * What an entry did to its record, field by field in the form's order: on a creation (no
 * `before`) every field given, else every field whose value differs. Fields no table names
 * follow in their stored order, in words; nested settings are compared key by key.
 */
export function describeChanges(entity: string, before: unknown, after: unknown, names: Names = {}): Change[] {
  const was = withFieldLabel(entity, isObject(before) ? before : null);
  const now = withFieldLabel(entity, isObject(after) ? after : {}) ?? {};
  const known = [...fieldsOf(entity), ...QUERY_STEP_FIELDS];
  const named = new Set(known.map((f) => f.key));
  const others = [...new Set([...Object.keys(was ?? {}), ...Object.keys(now)])].filter((k) => !named.has(k) && !HIDDEN.has(k));
  const changes: Change[] = [];
  for (const field of known) {
    const change = fieldChange(field, was === null ? undefined : was[field.key], now[field.key], names);
    if (change) changes.push(change);
  }
  for (const key of others) {
    const [b, a] = [was === null ? undefined : was[key], now[key]];
    changes.push(...(Object.hasOwn(USER_KEYS, key) ? userChange(key, b, a, names) : otherChanges(humanise(key), b, a, names)));
  }
  return changes;
}

/** Whether the entry leaves the value as it was (`b` undefined, a creation: whether it gives none). */
function unchanged(b: unknown, a: unknown): boolean {
  return b === undefined ? isEmpty(a) : JSON.stringify(b ?? null) === JSON.stringify(a ?? null);
}

/** `b` undefined: the record is being created. */
function fieldChange(field: RecordField, b: unknown, a: unknown, names: Names): Change | null {
  const created = b === undefined;
  if (unchanged(b, a)) return null;
  if (field.kind === 'cdasi' || field.kind === 'mmt8') {
    const texts = field.kind === 'cdasi' ? cdasiTexts : mmt8Texts;
    const [tb, ta] = [created ? null : texts(b), texts(a)];
    if (ta !== null && (created || tb !== null))
      return { kind: 'grid', key: field.key, label: field.label, grid: grid(field.kind === 'cdasi' ? CDASI_LAYOUT : MMT8_LAYOUT, tb, ta) };
    return { kind: 'value', key: field.key, label: field.label, before: created ? null : anyText(b, names), after: anyText(a, names) };
  }
  return { kind: 'value', key: field.key, label: field.label, before: created ? null : valueText(field, b, names), after: valueText(field, a, names) };
}

function otherChanges(label: string, b: unknown, a: unknown, names: Names): Change[] {
  const created = b === undefined;
  if (unchanged(b, a)) return [];
  if ((isObject(a) || isEmpty(a)) && (created || isObject(b) || isEmpty(b)) && (isObject(a) || isObject(b))) {
    const inner = [...new Set([...Object.keys(isObject(b) ? b : {}), ...Object.keys(isObject(a) ? a : {})])];
    const at = (o: unknown, k: string) => (isObject(o) ? o[k] : created ? undefined : null);
    return inner.flatMap((k) => otherChanges(`${label} · ${humanise(k)}`, at(b, k), at(a, k), names));
  }
  return [{ kind: 'value', key: label, label, before: created ? null : anyText(b, names), after: anyText(a, names) }];
}

/** A user by name (their id when the name is not known), their ids as stored in `title`. */
function userChange(key: string, b: unknown, a: unknown, names: Names): Change[] {
  if (unchanged(b, a)) return [];
  const id = (v: unknown) => (isEmpty(v) ? '—' : String(v));
  const name = (v: unknown) => (isEmpty(v) ? '—' : (names[String(v)] ?? String(v)));
  const created = b === undefined;
  return [{ kind: 'value', key, label: USER_KEYS[key]!, before: created ? null : name(b), after: name(a), title: `User id: ${created ? id(a) : `${id(b)} → ${id(a)}`}` }];
}

const SHOWN_CELLS = 4;

/** A change in one line: "CDASI activity: 20 → 22", "Sex: Female", "CDASI items: 2 cells changed: Scalp · Erythema 1 → 2, …". */
export function changeText(change: Change): string {
  if (change.kind === 'value') return `${change.label}: ${change.before === null ? change.after : `${change.before} → ${change.after}`}`;
  const { grid: g } = change;
  if (g.changed === 0) return `${change.label}: recorded item by item`;
  const cells = g.rows.flatMap((row) =>
    row.cells.flatMap((cell, i) => (cell.was === null ? [] : [`${row.label}${cell.span === 1 ? ` · ${g.columns[i]}` : ''} ${cell.was} → ${cell.text}`])),
  );
  const more = cells.length > SHOWN_CELLS ? `, and ${cells.length - SHOWN_CELLS} more` : '';
  return `${change.label}: ${g.changed} cell${g.changed === 1 ? '' : 's'} changed: ${cells.slice(0, SHOWN_CELLS).join(', ')}${more}`;
}

// ---------------------------------------------------------------------------------------------
// The record an entry is about, by name

/** What the audit trail's query finds about an entry's record (null where it does not apply). */
export type RecordFacts = {
  entity: string;
  entityId: string;
  action: string;
  patientId: string | null;
  patientCode: string | null;
  visitDate: string | null;
  eventTerm: string | null;
  relapseDate: string | null;
  relapseDomain: string | null;
  voided: boolean;
  userName: string | null;
  userEmail: string | null;
  cohortCode: string | null;
  siteCode: string | null;
  tokenName: string | null;
};

export type RecordName = { text: string; href: string | null };

const CLINICAL = new Set(['patient', 'visit', 'adverse_event', 'relapse']);

/** The part after the patient's code: "visit 2024-01-22", "adverse event: Pulmonary embolism". */
function clinicalWhat(f: RecordFacts): string | null {
  switch (f.entity) {
    case 'patient':
      return 'patient';
    case 'visit':
      return f.visitDate && `visit ${f.visitDate}`;
    case 'adverse_event':
      return f.eventTerm && `adverse event: ${f.eventTerm}`;
    case 'relapse':
      return f.relapseDate && `relapse ${f.relapseDate}${f.relapseDomain ? `: ${label(f.relapseDomain)}` : ''}`;
    default:
      return null;
  }
}

/** Where a clinical record is shown: its page, or its history when voided or when it has no page of its own. */
function clinicalHref(f: RecordFacts): string | null {
  const patient = `/patients/${encodeURIComponent(f.patientId ?? '')}`;
  const id = encodeURIComponent(f.entityId);
  switch (f.entity) {
    case 'patient':
      return f.voided ? `${patient}/history` : patient;
    case 'visit':
      return `${patient}/visits/${id}/history`;
    case 'adverse_event':
      return f.voided ? `${patient}/adverse-events/${id}/history` : `/adverse-events/${id}`;
    case 'relapse':
      return `${patient}/relapses/${id}/history`;
    default:
      return null;
  }
}

/**
 * An entry's record as a person names it, and where to open it: "PSL-005 · visit 2024-01-22",
 * "PSL-005 · adverse event: Pulmonary embolism", "user Claire Martin (claire@…)". `admin`: the
 * reader may open user accounts.
 */
export function recordName(f: RecordFacts, { admin = false }: { admin?: boolean } = {}): RecordName {
  if (CLINICAL.has(f.entity)) {
    const what = clinicalWhat(f);
    if (!f.patientCode || !what) return { text: `${entityWords(f.entity).toLowerCase()} (not found)`, href: null };
    return { text: `${f.patientCode} · ${what}${f.voided ? ' (voided)' : ''}`, href: clinicalHref(f) };
  }
  switch (f.entity) {
    case 'user':
      return f.userName
        ? { text: `user ${f.userName} (${f.userEmail})`, href: admin ? `/admin/users/${encodeURIComponent(f.entityId)}` : null }
        : { text: 'user account (not found)', href: null };
    case 'session':
      // A sign-in names its session; a refused one, the account it tried (as typed).
      return { text: f.action === 'sign_in' ? 'new session' : `account ${f.entityId}`, href: null };
    case 'cohort':
      return f.cohortCode ? { text: `cohort ${f.cohortCode}`, href: `/cohorts/${encodeURIComponent(f.cohortCode)}/report` } : { text: 'cohort (not found)', href: null };
    case 'site':
      return { text: f.siteCode ? `site ${f.siteCode}` : 'site (not found)', href: null };
    case 'report':
      if (f.entityId === 'adverse-event-line-listing') return { text: 'adverse-event line listing', href: null };
      if (f.entityId === 'queries') return { text: 'queries list', href: '/queries' };
      return { text: `report of cohort ${f.entityId}`, href: null };
    case 'audit_log':
      return { text: 'audit trail', href: null };
    case 'access_token':
      return { text: f.tokenName ? `access token "${f.tokenName}"` : 'access token (not found)', href: null };
    default:
      return { text: `${entityWords(f.entity).toLowerCase()} ${f.entityId}`, href: null };
  }
}
