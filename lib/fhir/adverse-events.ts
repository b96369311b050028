import type { AdverseEvent, AdverseEventSuspectEntityCausality, Extension } from '@medplum/fhirtypes';
import { label } from '@/lib/codes';
import { AE_CAUSALITY, AE_OUTCOME, EXTENSION, SERIOUSNESS_CODES, SYSTEM, severityOfGrade } from './codes';
import { jakiCourseId } from './medications';
import { bundleRef, type FhirAdverseEvent, type FhirCohort, type FhirPatient } from './types';

// An adverse event, with the JAK inhibitor's course as the suspect. Seriousness (a regulatory
// flag) and severity (the grade) are apart, as in the registry: `seriousness` is Serious or
// Non-serious with each ICH E2A criterion met in an extension; `severity` maps the CTCAE
// grade to mild (1), moderate (2), severe (3-5) and the exact grade goes in an extension.

export function adverseEventResource(p: FhirPatient, e: FhirAdverseEvent, cohort: FhirCohort): AdverseEvent {
  const extension: Extension[] = [{ url: EXTENSION.ctcaeGrade, valueInteger: e.ctcaeGrade }];
  for (const [field, code] of Object.entries(SERIOUSNESS_CODES) as [keyof typeof SERIOUSNESS_CODES, string][])
    if (e[field]) extension.push({ url: EXTENSION.seriousnessCriterion, valueCoding: { system: SYSTEM.seriousnessCriterion, code } });
  if (e.action) extension.push({ url: EXTENSION.jakiAction, valueCoding: { system: SYSTEM.jakiAction, code: e.action, display: label(e.action) } });
  if (e.endDate) extension.push({ url: EXTENSION.endDate, valueDate: e.endDate });
  const severity = severityOfGrade(e.ctcaeGrade);
  const outcome = e.outcome ? AE_OUTCOME[e.outcome] : undefined;
  return {
    resourceType: 'AdverseEvent',
    id: e.id,
    extension,
    actuality: 'actual',
    category: [{ coding: [{ system: SYSTEM.aeCategory, code: e.category, display: label(e.category) }] }],
    event: { text: e.term },
    subject: bundleRef('Patient', p.id),
    date: e.onsetDate,
    seriousness: { coding: [{ system: SYSTEM.aeSeriousness, code: e.serious ? 'Serious' : 'Non-serious' }] },
    severity: { coding: [{ system: SYSTEM.aeSeverity, code: severity }], text: `CTCAE grade ${e.ctcaeGrade}` },
    ...(outcome ? { outcome: { coding: [{ system: SYSTEM.aeOutcome, code: outcome }], text: label(e.outcome!) } } : {}),
    suspectEntity: [{ instance: bundleRef('MedicationStatement', jakiCourseId(p)), ...(e.related ? { causality: [causality(e.related)] } : {}) }],
    study: [bundleRef('ResearchStudy', cohort.id)],
  };
}

function causality(related: string): AdverseEventSuspectEntityCausality {
  const who = AE_CAUSALITY[related];
  const coding = who ? { system: SYSTEM.aeCausality, code: who } : { system: SYSTEM.relatedness, code: related, display: label(related) };
  return { assessment: { coding: [coding], text: label(related) } };
}
