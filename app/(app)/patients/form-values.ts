import type { Patient } from '@/db/queries/patients';
import type { PatientEditFormValues, PatientFormValues } from '@/lib/schemas/patient';

// Saved records as the forms' string inputs: null shows as an empty field.

export function str(v: number | string | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

export function yesNo(v: boolean | null): string {
  return v === null ? '' : v ? 'yes' : 'no';
}

export function patientFormValues(p: Patient): PatientEditFormValues {
  return {
    code: p.code,
    siteId: p.siteId,
    cohortId: p.cohortId,
    sex: p.sex,
    birthYear: str(p.birthYear),
    diagnosisDate: str(p.diagnosisDate),
    dmSubtype: str(p.dmSubtype),
    antibodies: p.antibodies,
    previousTreatments: p.previousTreatments,
    ild: yesNo(p.ild),
    jakiDrug: p.jakiDrug,
    jakiDoseMgDay: str(p.jakiDoseMgDay),
    jakiStartDate: p.jakiStartDate,
    jakiStopDate: str(p.jakiStopDate),
    jakiStopReason: str(p.jakiStopReason),
    deathDate: str(p.deathDate),
    deathCause: str(p.deathCause),
    followUpEndDate: str(p.followUpEndDate),
    reason: '',
    version: p.version,
  };
}

export const EMPTY_PATIENT: PatientFormValues = {
  code: '',
  siteId: '',
  cohortId: '',
  sex: '',
  birthYear: '',
  diagnosisDate: '',
  dmSubtype: '',
  antibodies: [],
  previousTreatments: [],
  ild: '',
  jakiDrug: '',
  jakiDoseMgDay: '',
  jakiStartDate: '',
  jakiStopDate: '',
  jakiStopReason: '',
  deathDate: '',
  deathCause: '',
  followUpEndDate: '',
};
