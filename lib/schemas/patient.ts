import { z } from 'zod';
import { PATIENT_CODE, patientProblems } from '@/lib/patients/rules';
import { ANTIBODIES, DM_SUBTYPES, JAKI_DRUGS, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, SEXES } from '@/lib/codes';
import {
  NOT_A_FORM,
  changeReason,
  codeList,
  optionalCode,
  optionalDate,
  optionalText,
  optionalYesNo,
  requiredCode,
  requiredDate,
  requiredNumber,
  version,
} from './fields';

const CODE_MESSAGE = 'Patient code must be 2–40 letters, digits, - or _ (a pseudonym, never a name)';

export const patientFields = z.object({
  code: z.string({ error: CODE_MESSAGE }).trim().regex(PATIENT_CODE, CODE_MESSAGE),
  siteId: z.string({ error: 'Choose a site' }).uuid('Choose a site'),
  cohortId: z.string({ error: 'Choose a cohort' }).uuid('Choose a cohort'),
  sex: requiredCode('Sex', SEXES),
  birthYear: requiredNumber('Birth year', { min: 1900, max: new Date().getFullYear(), integer: true }),
  diagnosisDate: optionalDate('Diagnosis date'),
  dmSubtype: optionalCode('DM subtype', DM_SUBTYPES),
  antibodies: codeList('Antibodies', ANTIBODIES),
  previousTreatments: codeList('Previous treatments', PREVIOUS_TREATMENTS),
  ild: optionalYesNo('Interstitial lung disease'),
  jakiDrug: requiredCode('JAK inhibitor', JAKI_DRUGS),
  jakiDoseMgDay: requiredNumber('JAK inhibitor dose', { min: 0.1, max: 100 }),
  jakiStartDate: requiredDate('JAK inhibitor start date'),
  jakiStopDate: optionalDate('JAK inhibitor stop date'),
  jakiStopReason: optionalCode('Stop reason', JAKI_STOP_REASONS),
  deathDate: optionalDate('Death date'),
  deathCause: optionalText('Cause of death', 200),
  followUpEndDate: optionalDate('Follow-up end date'),
}, { error: NOT_A_FORM });

type PatientValues = z.output<typeof patientFields>;

function checkDates(p: PatientValues, ctx: z.RefinementCtx) {
  for (const { field, message } of patientProblems(p)) ctx.addIssue({ code: 'custom', path: [field], message });
}

export const patientSchema = patientFields.superRefine(checkDates);

export const patientEditSchema = patientFields.extend({ reason: changeReason, version }).superRefine(checkDates);

export type PatientInput = z.output<typeof patientSchema>;
export type PatientFormValues = z.input<typeof patientSchema>;
export type PatientEditFormValues = z.input<typeof patientEditSchema>;
