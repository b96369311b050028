// Every measure a visit records, described once. The visit schema (lib/schemas/visit.ts), the
// database columns (db/schema/visits.ts), the CSV columns and their order (lib/interchange),
// the export, the visit form, the patient page's visit table and the history pages
// (lib/audit/describe.ts) are all built from this table: adding a measure is one entry here
// (and the migration drizzle-kit generates from it).
//
// The visit's date and type are not measures: they place the visit, and every reader treats
// them apart.

import { IVIG_STATUSES, STEROID_DRUGS } from '@/lib/codes';
import { CDASI_ACTIVITY_MAX, CDASI_DAMAGE_MAX } from '@/lib/instruments/cdasi';
import { MMT8_MAX } from '@/lib/instruments/mmt8';

export const VISIT_GROUPS = [
  { key: 'skin', title: 'Skin: CDASI' },
  { key: 'muscle', title: 'Muscle: MMT8' },
  { key: 'treatment', title: 'Treatment' },
  { key: 'imacs', title: 'IMACS core set (optional)' },
  { key: 'enzymes', title: 'Muscle enzymes (optional)' },
] as const;

export type VisitGroup = (typeof VISIT_GROUPS)[number]['key'];

type Common = {
  /** The field's name in records, forms and the JSON of the audit trail. */
  key: string;
  /** The database column. */
  column: string;
  /** The CSV column (docs/interchange.md). */
  csv: string;
  /** As the form labels it, without the unit. */
  label: string;
  /** A column heading where space is short (the patient page's visit table). */
  short: string;
  unit?: string;
  group: VisitGroup;
  help?: string;
  /**
   * Shown inside another field's cell rather than in a column of its own (a dose beside its
   * drug, an upper limit of normal beside its enzyme).
   */
  shownWith?: string;
};

export type NumberField = Common & {
  kind: 'number';
  min: number;
  max: number;
  /** The step a form offers (its arrow keys); any decimal is taken unless `whole`. */
  step: number;
  /** Only whole numbers (scores, weeks). */
  whole?: boolean;
  /** The minimum itself is refused (a dose or a laboratory value "> 0"). */
  minExclusive?: boolean;
};
export type CodeField = Common & { kind: 'code'; codes: readonly [string, ...string[]] };
export type YesNoField = Common & { kind: 'yesno' };
export type VisitField = NumberField | CodeField | YesNoField;

const ENZYME_MAX = 1_000_000;

/** An enzyme and its upper limit of normal at the laboratory that measured it. */
function enzyme<K extends string, P extends string, N extends string>(key: K, prefix: P, name: N, minExclusive: boolean) {
  return [
    {
      key: `${key}UL`,
      column: `${prefix}_u_l`,
      csv: `${prefix}_u_l`,
      label: name,
      short: name,
      unit: 'U/L',
      group: 'enzymes',
      kind: 'number',
      min: 0,
      max: ENZYME_MAX,
      step: 1,
      minExclusive,
    },
    {
      key: `${key}Uln`,
      column: `${prefix}_uln`,
      csv: `${prefix}_uln`,
      label: `${name} upper limit of normal`,
      short: `${name} ULN`,
      unit: 'U/L',
      group: 'enzymes',
      kind: 'number',
      min: 0,
      max: ENZYME_MAX,
      step: 1,
      minExclusive: true,
      shownWith: `${key}UL`,
    },
  ] as const;
}

/** In the form's order, which is also the CSV's. */
export const VISIT_FIELDS = [
  { key: 'cdasiActivity', column: 'cdasi_activity', csv: 'cdasi_activity', label: 'CDASI activity', short: 'CDASI act.', group: 'skin', kind: 'number', min: 0, max: CDASI_ACTIVITY_MAX, step: 1, whole: true, help: `0–${CDASI_ACTIVITY_MAX}` },
  { key: 'cdasiDamage', column: 'cdasi_damage', csv: 'cdasi_damage', label: 'CDASI damage', short: 'CDASI dam.', group: 'skin', kind: 'number', min: 0, max: CDASI_DAMAGE_MAX, step: 1, whole: true, help: `0–${CDASI_DAMAGE_MAX}` },
  { key: 'activeCutaneous', column: 'active_cutaneous', csv: 'active_cutaneous', label: 'Active cutaneous disease', short: 'Active skin', group: 'skin', kind: 'yesno' },
  { key: 'mmt8', column: 'mmt8', csv: 'mmt8', label: 'MMT8', short: 'MMT8', group: 'muscle', kind: 'number', min: 0, max: MMT8_MAX, step: 1, whole: true, help: `0–${MMT8_MAX}, Kendall scale` },
  { key: 'activeMuscle', column: 'active_muscle', csv: 'active_muscle', label: 'Active muscle disease', short: 'Active muscle', group: 'muscle', kind: 'yesno' },
  { key: 'jakiDoseMgDay', column: 'jaki_dose_mg_day', csv: 'jaki_dose_mg_day', label: 'JAK inhibitor dose', short: 'JAKi', unit: 'mg/day', group: 'treatment', kind: 'number', min: 0, max: 100, step: 0.5 },
  { key: 'steroidDrug', column: 'steroid_drug', csv: 'steroid_drug', label: 'Glucocorticoid', short: 'Glucocorticoid', group: 'treatment', kind: 'code', codes: STEROID_DRUGS, help: 'Another drug than prednisone: its equivalent is computed', shownWith: 'prednisoneMgDay' },
  { key: 'steroidMgDay', column: 'steroid_mg_day', csv: 'steroid_mg_day', label: 'Glucocorticoid dose', short: 'Dose', unit: 'mg/day', group: 'treatment', kind: 'number', min: 0, max: 2000, step: 0.5, minExclusive: true, shownWith: 'prednisoneMgDay' },
  { key: 'prednisoneMgDay', column: 'prednisone_mg_day', csv: 'prednisone_mg_day', label: 'Prednisone equivalent', short: 'Prednisone eq.', unit: 'mg/day', group: 'treatment', kind: 'number', min: 0, max: 1500, step: 0.5 },
  { key: 'ivig', column: 'ivig', csv: 'ivig', label: 'IVIG', short: 'IVIG', group: 'treatment', kind: 'code', codes: IVIG_STATUSES },
  { key: 'ivigDoseGKg', column: 'ivig_dose_g_kg', csv: 'ivig_dose_g_kg', label: 'IVIG dose', short: 'IVIG dose', unit: 'g/kg', group: 'treatment', kind: 'number', min: 0, max: 3, step: 0.1, minExclusive: true, help: 'Per course, usually 2', shownWith: 'ivig' },
  { key: 'ivigIntervalWeeks', column: 'ivig_interval_weeks', csv: 'ivig_interval_weeks', label: 'IVIG interval', short: 'IVIG interval', unit: 'weeks', group: 'treatment', kind: 'number', min: 1, max: 12, step: 1, whole: true, help: 'Weeks between courses, usually 4', shownWith: 'ivig' },
  { key: 'physicianGlobal', column: 'physician_global', csv: 'physician_global', label: 'Physician global activity', short: 'PhGA', group: 'imacs', kind: 'number', min: 0, max: 10, step: 0.1, help: '0–10' },
  { key: 'patientGlobal', column: 'patient_global', csv: 'patient_global', label: 'Patient global activity', short: 'PtGA', group: 'imacs', kind: 'number', min: 0, max: 10, step: 0.1, help: '0–10' },
  { key: 'extramuscularGlobal', column: 'extramuscular_global', csv: 'extramuscular_global', label: 'Extramuscular global activity', short: 'EMGA', group: 'imacs', kind: 'number', min: 0, max: 10, step: 0.1, help: '0–10' },
  { key: 'haq', column: 'haq', csv: 'haq', label: 'HAQ disability index', short: 'HAQ', group: 'imacs', kind: 'number', min: 0, max: 3, step: 0.125, help: '0–3' },
  ...enzyme('ck', 'ck', 'CK', false),
  ...enzyme('aldolase', 'aldolase', 'Aldolase', true),
  ...enzyme('ldh', 'ldh', 'LDH', true),
  ...enzyme('ast', 'ast', 'AST', true),
  ...enzyme('alt', 'alt', 'ALT', true),
] as const satisfies readonly VisitField[];

export type VisitFieldKey = (typeof VISIT_FIELDS)[number]['key'];

type FieldByKey<K extends VisitFieldKey> = Extract<(typeof VISIT_FIELDS)[number], { key: K }>;

/** The value a field holds once read: a number, one of its codes, yes/no; null when not recorded. */
export type FieldValue<F> = F extends { kind: 'number' }
  ? number | null
  : F extends { kind: 'code'; codes: readonly (infer C)[] }
    ? C | null
    : boolean | null;

/** Every measure of a visit, as records hold them. */
export type VisitMeasures = { [K in VisitFieldKey]: FieldValue<FieldByKey<K>> };

export const VISIT_FIELD_KEYS = VISIT_FIELDS.map((f) => f.key) as VisitFieldKey[];

const BY_KEY = new Map<string, VisitField>(VISIT_FIELDS.map((f) => [f.key, f]));

export function visitField<K extends VisitFieldKey>(key: K): FieldByKey<K> {
  return BY_KEY.get(key) as FieldByKey<K>;
}

/** "MMT8 total", "Prednisone equivalent (mg/day)": a field's label with its unit. */
export function labelWithUnit(field: VisitField): string {
  return field.unit ? `${field.label} (${field.unit})` : field.label;
}

/** The fields that head a column of the patient page's visit table, in order. */
export const VISIT_TABLE_FIELDS: readonly VisitField[] = VISIT_FIELDS.filter((f: VisitField) => !f.shownWith);

/** The fields shown within a field's cell (its dose, its interval, its upper limit of normal). */
export function companionsOf(key: string): VisitField[] {
  return VISIT_FIELDS.filter((f: VisitField) => f.shownWith === key);
}

/** Every measure not recorded: the start of a new visit and of a record read from a file. */
export function emptyMeasures(): VisitMeasures {
  return Object.fromEntries(VISIT_FIELD_KEYS.map((k) => [k, null])) as VisitMeasures;
}
