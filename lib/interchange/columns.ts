// The three CSV files of the interchange contract (shared/interchange.md): their columns in
// the contract's order, what each cell may hold, and the record field it fills.
// Ranges are the contract's, narrowed where the app's forms are narrower (lib/schemas), so
// that an imported record can always be opened and saved again in the app.

import {
  AE_ACTIONS,
  AE_CATEGORIES,
  AE_OUTCOMES,
  AE_RELATEDNESS,
  ANTIBODIES,
  DM_SUBTYPES,
  IVIG_STATUSES,
  JAKI_DRUGS,
  JAKI_STOP_REASONS,
  PREVIOUS_TREATMENTS,
  SEXES,
  VISIT_TYPES,
} from '@/lib/codes';
import type { FileName } from './problems';

export const TEXT_MAX = 200;
export const CODE_MAX = 40;

/** As the patient form requires (lib/schemas/patient.ts). */
export const PATIENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/;

export type CellType =
  | { type: 'text'; max: number }
  | { type: 'ref'; patientCode?: boolean } // a patient, site or cohort code: at most CODE_MAX
  | { type: 'code'; codes: readonly string[]; anyCase?: boolean }
  | { type: 'list'; codes: readonly string[]; anyCase?: boolean }
  | { type: 'number'; min: number; max?: number; integer?: boolean }
  | { type: 'date' }
  | { type: 'yesno' };

export type Column<R> = { name: string; key: keyof R & string; required: boolean } & CellType;

export type PatientRecord = {
  code: string;
  site: string;
  cohort: string;
  sex: (typeof SEXES)[number];
  birthYear: number;
  diagnosisDate: string | null;
  dmSubtype: string | null;
  antibodies: string[];
  previousTreatments: string[];
  ild: boolean | null;
  jakiDrug: string;
  jakiDoseMgDay: number;
  jakiStartDate: string;
  jakiStopDate: string | null;
  jakiStopReason: string | null;
  deathDate: string | null;
  deathCause: string | null;
};

export type VisitRecord = {
  patientCode: string;
  visitDate: string;
  visitType: (typeof VISIT_TYPES)[number];
  cdasiActivity: number | null;
  cdasiDamage: number | null;
  mmt8: number | null;
  prednisoneMgDay: number | null;
  ivig: (typeof IVIG_STATUSES)[number] | null;
  activeCutaneous: boolean | null;
  activeMuscle: boolean | null;
  jakiDoseMgDay: number | null;
  physicianGlobal: number | null;
  patientGlobal: number | null;
  extramuscularGlobal: number | null;
  haq: number | null;
  ckUL: number | null;
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
];

export const VISIT_COLUMNS: Column<VisitRecord>[] = [
  { name: 'patient_code', key: 'patientCode', required: req, type: 'ref' },
  { name: 'visit_date', key: 'visitDate', required: req, type: 'date' },
  { name: 'visit_type', key: 'visitType', required: req, type: 'code', codes: VISIT_TYPES },
  { name: 'cdasi_activity', key: 'cdasiActivity', required: opt, type: 'number', min: 0, max: 100, integer: true },
  { name: 'cdasi_damage', key: 'cdasiDamage', required: opt, type: 'number', min: 0, max: 32, integer: true },
  { name: 'mmt8', key: 'mmt8', required: opt, type: 'number', min: 0, max: 150, integer: true },
  { name: 'prednisone_mg_day', key: 'prednisoneMgDay', required: opt, type: 'number', min: 0, max: 1500 },
  { name: 'ivig', key: 'ivig', required: opt, type: 'code', codes: IVIG_STATUSES },
  { name: 'active_cutaneous', key: 'activeCutaneous', required: opt, type: 'yesno' },
  { name: 'active_muscle', key: 'activeMuscle', required: opt, type: 'yesno' },
  { name: 'jaki_dose_mg_day', key: 'jakiDoseMgDay', required: opt, type: 'number', min: 0, max: 100 },
  { name: 'physician_global', key: 'physicianGlobal', required: opt, type: 'number', min: 0, max: 10 },
  { name: 'patient_global', key: 'patientGlobal', required: opt, type: 'number', min: 0, max: 10 },
  { name: 'extramuscular_global', key: 'extramuscularGlobal', required: opt, type: 'number', min: 0, max: 10 },
  { name: 'haq', key: 'haq', required: opt, type: 'number', min: 0, max: 3 },
  { name: 'ck_u_l', key: 'ckUL', required: opt, type: 'number', min: 0, max: 1_000_000 },
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

export const FILE_OF = {
  patients: 'patients.csv',
  visits: 'visits.csv',
  adverseEvents: 'adverse_events.csv',
} as const satisfies Record<string, FileName>;

/** The column that holds a record field, for messages about that field. */
export function columnOf<R>(columns: Column<R>[], key: string): string {
  return columns.find((c) => c.key === key)?.name ?? 'row';
}
