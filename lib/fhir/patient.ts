import type { Condition, Patient, ResearchStudy, ResearchSubject } from '@medplum/fhirtypes';
import { DERMATOMYOSITIS, SYSTEM } from './codes';
import { derivedId } from './ids';
import { bundleRef, type FhirCohort, type FhirPatient } from './types';

// The patient, the study (the cohort), the patient's place in it, and the diagnosis.

export function researchStudyResource(cohort: FhirCohort): ResearchStudy {
  return {
    resourceType: 'ResearchStudy',
    id: cohort.id,
    identifier: [{ system: SYSTEM.cohortCode, value: cohort.code }],
    title: cohort.name,
    status: 'active',
    condition: [{ coding: [DERMATOMYOSITIS], text: DERMATOMYOSITIS.display }],
  };
}

/** No name, no address, no full birth date: the pseudonymous code, sex and birth year only. */
export function patientResource(p: FhirPatient): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ system: SYSTEM.patientCode, value: p.code }],
    gender: p.sex === 'F' ? 'female' : 'male',
    birthDate: String(p.birthYear),
    ...(p.deathDate ? { deceasedDateTime: p.deathDate } : {}),
    managingOrganization: { identifier: { system: SYSTEM.siteCode, value: p.site }, display: p.site },
  };
}

/** On study from the JAK inhibitor's start until death or the end of follow-up. */
export function researchSubjectResource(p: FhirPatient, cohort: FhirCohort): ResearchSubject {
  const end = earliest(p.deathDate, p.followUpEndDate);
  return {
    resourceType: 'ResearchSubject',
    id: derivedId(p.id, 'research-subject'),
    status: end ? 'off-study' : 'on-study',
    period: { start: p.jakiStartDate, ...(end ? { end } : {}) },
    study: bundleRef('ResearchStudy', cohort.id),
    individual: bundleRef('Patient', p.id),
  };
}

export function conditionResource(p: FhirPatient): Condition {
  return {
    resourceType: 'Condition',
    id: conditionId(p),
    clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'problem-list-item' }] }],
    code: { coding: [DERMATOMYOSITIS], text: DERMATOMYOSITIS.display },
    subject: bundleRef('Patient', p.id),
    ...(p.diagnosisDate ? { onsetDateTime: p.diagnosisDate } : {}),
  };
}

export function conditionId(p: { id: string }): string {
  return derivedId(p.id, 'condition');
}

function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
