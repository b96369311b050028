// The four CSV files of the interchange contract (docs/interchange.md): their columns in
// order, what each cell may hold, and the record field it fills. The visit measures come from
// the field table (lib/visits/fields.ts), so a measure the forms know is a column the files
// know. Ranges are the contract's, narrowed where the app's forms are narrower (lib/schemas),
// so that an imported record can always be opened and saved again in the app.

import {
  AE_ACTIONS,
  AE_CATEGORIES,
  AE_OUTCOMES,
  AE_RELATEDNESS,
  ANTIBODIES,
  DM_SUBTYPES,
  JAKI_DRUGS,
  JAKI_STOP_REASONS,
  PREVIOUS_TREATMENTS,
  RELAPSE_ACTIONS,
  RELAPSE_DOMAINS,
  SEXES,
  VISIT_TYPES,
} from '@/lib/codes';
import { PATIENT_CODE, type PatientFacts } from '@/lib/patients/rules';
import { VISIT_FIELDS, type VisitField, type VisitMeasures } from '@/lib/visits/fields';
import type { FileName } from './problems';

export { PATIENT_CODE };

export const TEXT_MAX = 200;
export const CODE_MAX = 40;

export type CellType =
  | { type: 'text'; max: number }
  | { type: 'ref'; patientCode?: boolean } // a patient, site or cohort code: at most CODE_MAX
  | { type: 'code'; codes: readonly string[]; anyCase?: boolean }
  | { type: 'list'; codes: readonly string[]; anyCase?: boolean }
  | { type: 'number'; min: number; max?: number; integer?: boolean; minExclusive?: boolean }
  | { type: 'date' }
  | { type: 'yesno' };

export type Column<R> = { name: string; key: keyof R & string; required: boolean } & CellType;

/** A patient row: the patient's facts its rules read (lib/patients/rules.ts), and the rest. */
export type PatientRecord = Omit<PatientFacts, 'antibodies'> & {
  code: string;
  site: string;
  cohort: string;
  sex: (typeof SEXES)[number];
  dmSubtype: string | null;
  antibodies: string[];
  previousTreatments: string[];
  ild: boolean | null;
  jakiDrug: string;
  jakiDoseMgDay: number;
};

export type VisitRecord = VisitMeasures & {
  patientCode: string;
  visitDate: string;
  visitType: (typeof VISIT_TYPES)[number];
};

export type AdverseEventRecord = {
  patientCode: string;
  onsetDate: string;
  term: string;
  category: string;
  ctcaeGrade: number;
  serious: boolean;
  related: string | null;
  action: string | null;
  outcome: string | null;
  endDate: string | null;
};

export type RelapseRecord = {
  patientCode: string;
  relapseDate: string;
  domain: (typeof RELAPSE_DOMAINS)[number];
  action: (typeof RELAPSE_ACTIONS)[number] | null;
};

const req = true;
const opt = false;

export const PATIENT_COLUMNS: Column<PatientRecord>[] = [
  { name: 'patient_code', key: 'code', required: req, type: 'ref', patientCode: true },
  { name: 'site', key: 'site', required: req, type: 'ref' },
  { name: 'cohort', key: 'cohort', required: req, type: 'ref' },
  { name: 'sex', key: 'sex', required: req, type: 'code', codes: SEXES },
  { name: 'birth_year', key: 'birthYear', required: req, type: 'number', min: 1900, max: new Date().getFullYear(), integer: true },
  { name: 'diagnosis_date', key: 'diagnosisDate', required: opt, type: 'date' },
  { name: 'dm_subtype', key: 'dmSubtype', required: opt, type: 'code', codes: DM_SUBTYPES },
  { name: 'antibodies', key: 'antibodies', required: opt, type: 'list', codes: ANTIBODIES, anyCase: true },
  { name: 'previous_treatments', key: 'previousTreatments', required: opt, type: 'list', codes: PREVIOUS_TREATMENTS },
  { name: 'ild', key: 'ild', required: opt, type: 'yesno' },
  { name: 'jaki_drug', key: 'jakiDrug', required: req, type: 'code', codes: JAKI_DRUGS },
  { name: 'jaki_dose_mg_day', key: 'jakiDoseMgDay', required: req, type: 'number', min: 0.1, max: 100 },
  { name: 'jaki_start_date', key: 'jakiStartDate', required: req, type: 'date' },
  { name: 'jaki_stop_date', key: 'jakiStopDate', required: opt, type: 'date' },
  { name: 'jaki_stop_reason', key: 'jakiStopReason', required: opt, type: 'code', codes: JAKI_STOP_REASONS },
  { name: 'death_date', key: 'deathDate', required: opt, type: 'date' },
  { name: 'death_cause', key: 'deathCause', required: opt, type: 'text', max: TEXT_MAX },
  { name: 'follow_up_end_date', key: 'followUpEndDate', required: opt, type: 'date' },
];

function cellOf(f: VisitField): CellType {
  switch (f.kind) {
    case 'number':
      return { type: 'number', min: f.min, max: f.max, integer: f.whole, minExclusive: f.minExclusive };
    case 'code':
      return { type: 'code', codes: f.codes };
    case 'yesno':
      return { type: 'yesno' };
  }
}

export const VISIT_COLUMNS: Column<VisitRecord>[] = [
  { name: 'patient_code', key: 'patientCode', required: req, type: 'ref' },
  { name: 'visit_date', key: 'visitDate', required: req, type: 'date' },
  { name: 'visit_type', key: 'visitType', required: req, type: 'code', codes: VISIT_TYPES },
  ...VISIT_FIELDS.map((f: VisitField): Column<VisitRecord> => ({ name: f.csv, key: f.key as keyof VisitRecord & string, required: opt, ...cellOf(f) })),
];

export const ADVERSE_EVENT_COLUMNS: Column<AdverseEventRecord>[] = [
  { name: 'patient_code', key: 'patientCode', required: req, type: 'ref' },
  { name: 'onset_date', key: 'onsetDate', required: req, type: 'date' },
  { name: 'term', key: 'term', required: req, type: 'text', max: TEXT_MAX },
  { name: 'category', key: 'category', required: req, type: 'code', codes: AE_CATEGORIES },
  { name: 'ctcae_grade', key: 'ctcaeGrade', required: req, type: 'number', min: 1, max: 5, integer: true },
  { name: 'serious', key: 'serious', required: req, type: 'yesno' },
  { name: 'related', key: 'related', required: opt, type: 'code', codes: AE_RELATEDNESS },
  { name: 'action', key: 'action', required: opt, type: 'code', codes: AE_ACTIONS },
  { name: 'outcome', key: 'outcome', required: opt, type: 'code', codes: AE_OUTCOMES },
  { name: 'end_date', key: 'endDate', required: opt, type: 'date' },
];

export const RELAPSE_COLUMNS: Column<RelapseRecord>[] = [
  { name: 'patient_code', key: 'patientCode', required: req, type: 'ref' },
  { name: 'relapse_date', key: 'relapseDate', required: req, type: 'date' },
  { name: 'domain', key: 'domain', required: req, type: 'code', codes: RELAPSE_DOMAINS },
  { name: 'action', key: 'action', required: opt, type: 'code', codes: RELAPSE_ACTIONS },
];

/** The files of an import or an export, in the contract's order; only patients.csv must be given. */
export const INTERCHANGE_FILES = [
  { key: 'patients', file: 'patients.csv', required: true, records: 'patient' },
  { key: 'visits', file: 'visits.csv', required: false, records: 'visit' },
  { key: 'adverseEvents', file: 'adverse_events.csv', required: false, records: 'adverse event' },
  { key: 'relapses', file: 'relapses.csv', required: false, records: 'relapse' },
] as const satisfies readonly { key: string; file: FileName; required: boolean; records: string }[];

export type InterchangeFileKey = (typeof INTERCHANGE_FILES)[number]['key'];

/** "3 patients, 12 visits, 1 adverse event, 0 relapses": counts per file, in words. */
export function countsInWords(counts: Record<InterchangeFileKey, number>): string {
  return INTERCHANGE_FILES.map(({ key, records }) => `${counts[key]} ${records}${counts[key] === 1 ? '' : 's'}`).join(', ');
}

/** The column that holds a record field, for messages about that field. */
export function columnOf<R>(columns: Column<R>[], key: string): string {
  return columns.find((c) => c.key === key)?.name ?? 'row';
}
