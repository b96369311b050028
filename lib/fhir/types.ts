import type { Mmt8Items } from '@/lib/instruments/mmt8';
import type { VisitMeasures } from '@/lib/visits/fields';

// What the FHIR mapping reads: the registry's records as the data layer gives them, voided
// ones already left out (db/queries/fhir.ts).

export type FhirCohort = { id: string; code: string; name: string };

export type FhirVisit = VisitMeasures & { id: string; visitDate: string; mmt8Items: Mmt8Items | null };

export type FhirAdverseEvent = {
  id: string;
  term: string;
  category: string;
  onsetDate: string;
  endDate: string | null;
  ctcaeGrade: number;
  serious: boolean;
  seriousDeath: boolean;
  seriousLifeThreatening: boolean;
  seriousHospitalisation: boolean;
  seriousDisability: boolean;
  seriousCongenitalAnomaly: boolean;
  seriousOtherImportant: boolean;
  related: string | null;
  action: string | null;
  outcome: string | null;
};

export type FhirPatient = {
  id: string;
  code: string;
  /** The site's code. */
  site: string;
  sex: 'F' | 'M';
  birthYear: number;
  diagnosisDate: string | null;
  jakiDrug: string;
  jakiDoseMgDay: number;
  jakiStartDate: string;
  jakiStopDate: string | null;
  jakiStopReason: string | null;
  deathDate: string | null;
  followUpEndDate: string | null;
  /** In date order. */
  visits: FhirVisit[];
  adverseEvents: FhirAdverseEvent[];
};

/** A reference to another resource of the same Bundle, by its fullUrl; `type` says what it is, which a urn cannot. */
export function bundleRef<T extends string>(type: T, id: string): { reference: string; type: T } {
  return { reference: `urn:uuid:${id}`, type };
}
