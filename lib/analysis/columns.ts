// The columns of the analysis-ready files (docs/analysis-exports.md), each with what the data
// dictionary says of it and how its cell is read from a patient. They are built from the
// patient columns of the interchange contract (lib/interchange/columns.ts, labelled by
// lib/patients/fields.ts) and from the one table of visit fields (lib/visits/fields.ts): a
// measure added there is a column here, in the dictionary and in the R and Stata scripts.

import { label as codeLabel, VISIT_TYPES } from '@/lib/codes';
import { TIME_POINT_LABELS } from '@/lib/documents/report-labels';
import { type Column, type PatientRecord, PATIENT_COLUMNS } from '@/lib/interchange/columns';
import { PATIENT_FIELDS } from '@/lib/patients/fields';
import { TIME_POINTS, type TimePoint } from '@/lib/cohort/measures';
import type { PatientTimePoints, ReportSettings } from '@/lib/cohort/windows';
import { VISIT_FIELDS, type VisitField, type VisitMeasures } from '@/lib/visits/fields';

/** How a column's cells read: text, whole numbers, numbers, dates (YYYY-MM-DD), one of its codes, or 1/0 for yes/no. */
export type ColumnType = 'text' | 'integer' | 'number' | 'date' | 'code' | 'yesno';

export type Code = { code: string; label: string };

export type AnalysisVisit = VisitMeasures & { visitDate: string; visitType: (typeof VISIT_TYPES)[number] };

/** A patient as the analysis files read it: the interchange's patient record (its cohort aside) and its visits. */
export type AnalysisPatient = Omit<PatientRecord, 'cohort'> & { visits: AnalysisVisit[] };

/** A cell's value before it is written: null is "not recorded". */
export type Cell = string | number | boolean | null;

export type ColumnSpec = {
  name: string;
  label: string;
  type: ColumnType;
  unit?: string;
  min?: number;
  max?: number;
  /** The allowed codes of a `code` column, with their words; a `yesno` column's are YES_NO. */
  codes?: readonly Code[];
};

export const YES_NO: readonly Code[] = [
  { code: '0', label: 'No' },
  { code: '1', label: 'Yes' },
];

/** One visit of a patient, with its day from the JAKi start and the patient's time points. */
export type VisitContext = { patient: AnalysisPatient; visit: AnalysisVisit; day: number; points: PatientTimePoints<AnalysisVisit> };
export type PatientContext = { patient: AnalysisPatient; points: PatientTimePoints<AnalysisVisit> };

export type AnalysisColumn<C> = ColumnSpec & { value: (context: C) => Cell };

const codesOf = (codes: readonly string[]): Code[] => codes.map((code) => ({ code, label: codeLabel(code) }));

// The interchange's patient columns name the site and the cohort by code; the patient form's fields, by id.
const PATIENT_LABELS = new Map(PATIENT_FIELDS.map((f) => [f.key === 'siteId' ? 'site' : f.key, f]));

/** A list column (antibodies, previous treatments) becomes one yes/no column per code, named by this prefix. */
const LIST_PREFIXES: Partial<Record<keyof PatientRecord, string>> = { antibodies: 'antibody', previousTreatments: 'previous' };

/**
 * The patient's columns, in the interchange's order; the cohort is left out (the files hold
 * one cohort). A list becomes one yes/no column per code; an empty list is "not recorded", so
 * all of its columns are then empty rather than 0.
 */
function patientColumns(): AnalysisColumn<PatientContext>[] {
  return PATIENT_COLUMNS.filter((c) => c.key !== 'cohort').flatMap((c): AnalysisColumn<PatientContext>[] => {
    const field = PATIENT_LABELS.get(c.key);
    if (!field) throw new Error(`patient column ${c.name} has no field in lib/patients/fields.ts`);
    const read = (p: AnalysisPatient) => p[c.key as keyof AnalysisPatient];
    if (c.type === 'list') {
      const prefix = LIST_PREFIXES[c.key];
      if (!prefix) throw new Error(`list column ${c.name} has no prefix`);
      return c.codes.map((code) => ({
        name: `${prefix}_${code}`,
        label: `${field.label}: ${codeLabel(code)}`,
        type: 'yesno',
        codes: YES_NO,
        value: ({ patient }) => {
          const list = read(patient) as string[];
          return list.length === 0 ? null : list.includes(code);
        },
      }));
    }
    return [{ name: c.name, label: field.label, unit: field.unit, ...typeOf(c), value: ({ patient }) => read(patient) as Cell }];
  });
}

function typeOf(c: Column<PatientRecord>): Pick<ColumnSpec, 'type' | 'min' | 'max' | 'codes'> {
  switch (c.type) {
    case 'text':
    case 'ref':
      return { type: 'text' };
    case 'code':
      return { type: 'code', codes: codesOf(c.codes) };
    case 'number':
      return { type: c.integer ? 'integer' : 'number', min: c.min, max: c.max };
    case 'date':
      return { type: 'date' };
    case 'yesno':
      return { type: 'yesno', codes: YES_NO };
    case 'list':
      throw new Error('a list has a column per code');
  }
}

/** A visit field's column: its CSV name, label, unit, range and codes as the field table gives them. */
function measureSpec(f: VisitField): ColumnSpec {
  const common = { name: f.csv, label: f.label, unit: f.unit };
  switch (f.kind) {
    case 'number':
      return { ...common, type: f.whole ? 'integer' : 'number', min: f.min, max: f.max };
    case 'code':
      return { ...common, type: 'code', codes: codesOf(f.codes) };
    case 'yesno':
      return { ...common, type: 'yesno', codes: YES_NO };
  }
}

const TIME_POINT_WORDS: Record<TimePoint, string> = { baseline: 'baseline', m3: 'month-3', m6: 'month-6', final: 'final' };

/** Which visit a time point is, in the words of the report's settings. */
export function timePointRule(tp: TimePoint, settings: Pick<ReportSettings, 'windows' | 'finalMinDay'>): string {
  if (tp === 'baseline') return 'the baseline visit';
  if (tp === 'final') return `the last follow-up visit from day ${settings.finalMinDay}`;
  const w = settings.windows[tp];
  return `the follow-up closest to day ${w.target} within days ${w.from}–${w.to}`;
}

/**
 * long.csv: one row per visit. The patient's code and site, the visit's date, type and day,
 * whether the report uses it as each time point (a visit can be both month 6 and final), and
 * every measure.
 */
export function longColumns(): AnalysisColumn<VisitContext>[] {
  const patient = new Map(patientColumns().map((c) => [c.name, c]));
  const ofPatient = (name: string): AnalysisColumn<VisitContext> => {
    const c = patient.get(name)!;
    return { ...c, value: ({ patient: p, points }) => c.value({ patient: p, points }) };
  };
  return [
    ofPatient('patient_code'),
    ofPatient('site'),
    { name: 'visit_date', label: 'Visit date', type: 'date', value: ({ visit }) => visit.visitDate },
    { name: 'visit_type', label: 'Visit type', type: 'code', codes: codesOf(VISIT_TYPES), value: ({ visit }) => visit.visitType },
    { name: 'day', label: 'Day from the JAK inhibitor start (day 0)', type: 'integer', unit: 'days', value: ({ day }) => day },
    ...TIME_POINTS.map(
      (tp): AnalysisColumn<VisitContext> => ({
        name: `report_${tp}`,
        label: `The report's ${TIME_POINT_WORDS[tp]} visit`,
        type: 'yesno',
        codes: YES_NO,
        value: ({ visit, points }) => points[tp]?.visit === visit,
      }),
    ),
    ...VISIT_FIELDS.map((f): AnalysisColumn<VisitContext> => ({ ...measureSpec(f), value: ({ visit }) => visit[f.key] })),
  ];
}

/**
 * wide.csv: one row per patient. The patient's columns, then for each time point of the
 * report (baseline, m3, m6, final, chosen as the report chooses them with the cohort's
 * settings) the visit's date, its day and every measure, each named with the time point.
 */
export function wideColumns(settings: Pick<ReportSettings, 'windows' | 'finalMinDay'>): AnalysisColumn<PatientContext>[] {
  return [
    ...patientColumns(),
    ...TIME_POINTS.flatMap((tp): AnalysisColumn<PatientContext>[] => {
      const at = ({ points }: PatientContext) => points[tp];
      const words = TIME_POINT_LABELS[tp];
      return [
        { name: `visit_date_${tp}`, label: `Date of ${timePointRule(tp, settings)}`, type: 'date', value: (c) => at(c)?.visit.visitDate ?? null },
        { name: `day_${tp}`, label: `Day of the ${TIME_POINT_WORDS[tp]} visit from the JAK inhibitor start`, type: 'integer', unit: 'days', value: (c) => at(c)?.day ?? null },
        ...VISIT_FIELDS.map((f): AnalysisColumn<PatientContext> => {
          const spec = measureSpec(f);
          return { ...spec, name: `${spec.name}_${tp}`, label: `${spec.label}, ${words.toLowerCase()}`, value: (c) => at(c)?.visit[f.key] ?? null };
        }),
      ];
    }),
  ];
}

/** The label the scripts give a column: with its unit, "Prednisone equivalent (mg/day)". */
export function labelWithUnit(column: ColumnSpec): string {
  return column.unit ? `${column.label} (${column.unit})` : column.label;
}
