import { label } from '@/lib/codes';
import { VISIT_FIELDS, labelWithUnit, type VisitField } from '@/lib/visits/fields';

// The names of a record's fields as its form shows them, for the history pages: a visit's
// measures from the field table, the other records' fields as their forms label them.

export type RecordEntity = 'patient' | 'visit' | 'adverse_event' | 'relapse';

const PATIENT: Record<string, string> = {
  code: 'Patient code',
  siteId: 'Site',
  cohortId: 'Cohort',
  sex: 'Sex',
  birthYear: 'Birth year',
  diagnosisDate: 'Diagnosis date',
  dmSubtype: 'DM subtype',
  antibodies: 'Myositis antibodies',
  previousTreatments: 'Previous treatments',
  ild: 'Interstitial lung disease',
  jakiDrug: 'JAK inhibitor',
  jakiDoseMgDay: 'JAK inhibitor dose (mg/day)',
  jakiStartDate: 'JAK inhibitor start date',
  jakiStopDate: 'JAK inhibitor stop date',
  jakiStopReason: 'Stop reason',
  deathDate: 'Death date',
  deathCause: 'Cause of death',
  followUpEndDate: 'Follow-up end date',
};

const VISIT: Record<string, string> = {
  visitDate: 'Visit date',
  visitType: 'Visit type',
  cdasiItems: 'CDASI item scores',
  mmt8Items: 'MMT8 grades',
  ...Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, labelWithUnit(f)])),
};

const ADVERSE_EVENT: Record<string, string> = {
  term: 'Verbatim term',
  category: 'Category',
  onsetDate: 'Onset date',
  endDate: 'End date',
  ongoing: 'Ongoing',
  ctcaeGrade: 'CTCAE grade',
  seriousDeath: 'Serious: results in death',
  seriousLifeThreatening: 'Serious: life-threatening',
  seriousHospitalisation: 'Serious: hospitalisation or its prolongation',
  seriousDisability: 'Serious: persistent or significant disability',
  seriousCongenitalAnomaly: 'Serious: congenital anomaly',
  seriousOtherImportant: 'Serious: other important medical event',
  serious: 'Serious',
  related: 'Relatedness to the JAK inhibitor',
  action: 'Action with the JAK inhibitor',
  outcome: 'Outcome',
  reviewComment: 'Review comment',
};

const RELAPSE: Record<string, string> = { relapseDate: 'Relapse date', domain: 'Domain', action: 'Action taken' };

const LABELS: Record<RecordEntity, Record<string, string>> = { patient: PATIENT, visit: VISIT, adverse_event: ADVERSE_EVENT, relapse: RELAPSE };

/** A field's label; the key itself for a field no form shows. */
export function fieldLabel(entity: RecordEntity, key: string): string {
  return LABELS[entity][key] ?? key;
}

/** The fields in their form's order, for sorting a history's changes; unknown ones last. */
export function fieldOrder(entity: RecordEntity, key: string): number {
  const i = Object.keys(LABELS[entity]).indexOf(key);
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

/** A stored value in words: codes as their labels, yes/no, lists joined; '—' when empty. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length ? value.map((v) => label(String(v))).join(', ') : '—';
  if (typeof value === 'string') return label(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
