import type { Resource } from '@medplum/fhirtypes';
import { adverseEventResource } from './adverse-events';
import { jakiCourseResource, visitMedications } from './medications';
import { visitObservations } from './observations';
import { conditionResource, patientResource, researchStudyResource, researchSubjectResource } from './patient';
import type { FhirCohort, FhirPatient } from './types';

// A cohort's (or one patient's) records as a FHIR R4 Bundle of type collection, written out
// piece by piece: a cohort of 10,000 patients is some 700,000 resources, more than one string
// should hold.

/** One patient's resources, in a fixed order: the patient, the study place, the diagnosis, the JAKi course, each visit's observations and treatments, the adverse events. */
export function patientResources(p: FhirPatient, cohort: FhirCohort): Resource[] {
  const out: Resource[] = [patientResource(p), researchSubjectResource(p, cohort), conditionResource(p), jakiCourseResource(p)];
  for (const v of p.visits) out.push(...visitObservations(p, v), ...visitMedications(p, v));
  for (const e of p.adverseEvents) out.push(adverseEventResource(p, e, cohort));
  return out;
}

/** About this many characters per piece handed to the writer. */
const PIECE = 1 << 16;

/**
 * The Bundle's JSON in pieces: the study first, then each patient's resources. `timestamp`
 * is when the export was made (an instant, e.g. new Date().toISOString()).
 */
export function* bundlePieces(cohort: FhirCohort, patients: Iterable<FhirPatient>, { timestamp }: { timestamp: string }): Generator<string> {
  let piece = `{"resourceType":"Bundle","type":"collection","timestamp":${JSON.stringify(timestamp)},"entry":[`;
  piece += entry(researchStudyResource(cohort));
  for (const p of patients) {
    for (const r of patientResources(p, cohort)) piece += `,${entry(r)}`;
    if (piece.length >= PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]}`;
}

/** The whole Bundle as one string: for one patient, or a test's small cohort. */
export function bundleJson(cohort: FhirCohort, patients: Iterable<FhirPatient>, options: { timestamp: string }): string {
  return [...bundlePieces(cohort, patients, options)].join('');
}

function entry(r: Resource): string {
  return `{"fullUrl":"urn:uuid:${r.id}","resource":${JSON.stringify(r)}}`;
}
