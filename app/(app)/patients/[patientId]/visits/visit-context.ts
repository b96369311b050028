import type { VisitType } from '@/lib/codes';
import { VISIT_FIELD_KEYS, type VisitMeasures } from '@/lib/visits/fields';
import type { VisitPatient } from '@/lib/visits/rules';

/**
 * What the visit form shows beside its fields: the patient's course and its other saved
 * visits, each with the measures it has (a measure left out is empty).
 */
export type VisitContext = {
  patient: VisitPatient;
  visits: ({ id: string; visitDate: string; visitType: VisitType } & Partial<VisitMeasures>)[];
};

/**
 * The context from the patient and its saved visits: their measures only, no items, no
 * bookkeeping, no empty measures: the form needs any visit before the date typed, and a
 * patient followed for years has a hundred visits.
 */
export function visitContext(patient: VisitPatient, visits: ({ id: string; visitDate: string; visitType: VisitType } & VisitMeasures)[]): VisitContext {
  const { jakiStartDate, jakiStopDate, deathDate, followUpEndDate } = patient;
  return {
    patient: { jakiStartDate, jakiStopDate, deathDate, followUpEndDate },
    visits: visits.map((v) => ({ id: v.id, visitDate: v.visitDate, visitType: v.visitType, ...pick(v) })),
  };
}

function pick(v: VisitMeasures): Partial<VisitMeasures> {
  return Object.fromEntries(VISIT_FIELD_KEYS.filter((k) => v[k] !== null).map((k) => [k, v[k]]));
}
