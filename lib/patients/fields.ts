import type { RecordField } from '@/lib/records/fields';

// A patient's fields as people read them (lib/records/fields.ts), in the patient form's order.
export const PATIENT_FIELDS: readonly RecordField[] = [
  { key: 'code', label: 'Patient code', kind: 'text' },
  { key: 'siteId', label: 'Site', kind: 'ref' },
  { key: 'cohortId', label: 'Cohort', kind: 'ref' },
  { key: 'sex', label: 'Sex', kind: 'code' },
  { key: 'birthYear', label: 'Birth year', kind: 'number' },
  { key: 'diagnosisDate', label: 'Diagnosis date', kind: 'date' },
  { key: 'dmSubtype', label: 'DM subtype', kind: 'code' },
  { key: 'ild', label: 'Interstitial lung disease', kind: 'yesno' },
  { key: 'antibodies', label: 'Myositis antibodies', kind: 'codes' },
  { key: 'previousTreatments', label: 'Previous treatments', kind: 'codes' },
  { key: 'jakiDrug', label: 'JAK inhibitor', kind: 'code' },
  { key: 'jakiDoseMgDay', label: 'JAK inhibitor dose', kind: 'number', unit: 'mg/day' },
  { key: 'jakiStartDate', label: 'JAK inhibitor start date', kind: 'date' },
  { key: 'jakiStopDate', label: 'JAK inhibitor stop date', kind: 'date' },
  { key: 'jakiStopReason', label: 'Stop reason', kind: 'code' },
  { key: 'deathDate', label: 'Death date', kind: 'date' },
  { key: 'deathCause', label: 'Cause of death', kind: 'text' },
  { key: 'followUpEndDate', label: 'Follow-up end date', kind: 'date' },
];
