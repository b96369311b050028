import type { CodeableConcept, Dosage, MedicationStatement, Quantity } from '@medplum/fhirtypes';
import { label } from '@/lib/codes';
import { ATC, EXTENSION, SYSTEM, UNIT } from './codes';
import { derivedId } from './ids';
import { conditionId } from './patient';
import { bundleRef, type FhirPatient, type FhirVisit } from './types';

// Treatments. The JAK inhibitor's course is one statement from its start to its stop. A
// visit records the treatments taken on its day, so each visit gives one statement per
// treatment it records, dated that day: the JAK inhibitor's dose (part of the course), the
// glucocorticoid and IVIG. Nothing is said of the days between visits.

export function jakiCourseId(p: { id: string }): string {
  return derivedId(p.id, 'jaki-course');
}

export function jakiCourseResource(p: FhirPatient): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: jakiCourseId(p),
    status: p.jakiStopDate ? 'stopped' : 'active',
    ...(p.jakiStopDate && p.jakiStopReason
      ? { statusReason: [{ coding: [{ system: SYSTEM.jakiStopReason, code: p.jakiStopReason, display: label(p.jakiStopReason) }], text: label(p.jakiStopReason) }] }
      : {}),
    medicationCodeableConcept: jaki(p),
    subject: bundleRef('Patient', p.id),
    effectivePeriod: { start: p.jakiStartDate, ...(p.jakiStopDate ? { end: p.jakiStopDate } : {}) },
    reasonReference: [bundleRef('Condition', conditionId(p))],
    dosage: [perDay(p.jakiDoseMgDay)],
  };
}

/** The statements of one visit: JAK inhibitor dose, glucocorticoid, IVIG, each when recorded. */
export function visitMedications(p: FhirPatient, v: FhirVisit): MedicationStatement[] {
  const out: MedicationStatement[] = [];
  if (v.jakiDoseMgDay !== null) {
    out.push({
      ...atVisit(p, v, 'jaki-dose', v.jakiDoseMgDay === 0 ? 'on-hold' : 'active', jaki(p)),
      partOf: [bundleRef('MedicationStatement', jakiCourseId(p))],
      dosage: [perDay(v.jakiDoseMgDay)],
    });
  }
  const steroid = glucocorticoid(p, v);
  if (steroid) out.push(steroid);
  const ivig = ivigStatement(p, v);
  if (ivig) out.push(ivig);
  return out;
}

/**
 * The drug the visit names with its own dose; with no drug named, prednisone at the
 * prednisone-equivalent dose. A dose of 0 says the patient takes none (status not-taken).
 */
function glucocorticoid(p: FhirPatient, v: FhirVisit): MedicationStatement | null {
  const drug = v.steroidDrug ?? (v.prednisoneMgDay !== null ? 'prednisone' : null);
  const dose = v.steroidDrug ? v.steroidMgDay : v.prednisoneMgDay;
  if (!drug) return null;
  const equivalent =
    drug !== 'prednisone' && v.prednisoneMgDay !== null
      ? { extension: [{ url: EXTENSION.prednisoneEquivalent, valueQuantity: mgPerDay(v.prednisoneMgDay) }] }
      : {};
  return {
    ...atVisit(p, v, 'glucocorticoid', dose === 0 ? 'not-taken' : 'active', medication(drug, label(drug))),
    ...equivalent,
    ...(dose ? { dosage: [perDay(dose)] } : {}),
  };
}

/** Ongoing: the dose per course and the weeks between courses; stopped; none (not taken). */
function ivigStatement(p: FhirPatient, v: FhirVisit): MedicationStatement | null {
  if (v.ivig === null) return null;
  const status = v.ivig === 'ongoing' ? 'active' : v.ivig === 'stopped' ? 'stopped' : 'not-taken';
  const dosage: Dosage = {
    ...(v.ivigDoseGKg !== null ? { doseAndRate: [{ doseQuantity: { value: v.ivigDoseGKg, unit: UNIT.gPerKg.unit, system: SYSTEM.ucum, code: UNIT.gPerKg.code } }] } : {}),
    ...(v.ivigIntervalWeeks !== null ? { timing: { repeat: { frequency: 1, period: v.ivigIntervalWeeks, periodUnit: 'wk' } } } : {}),
  };
  return {
    ...atVisit(p, v, 'ivig', status, medication('ivig', 'Intravenous immunoglobulin')),
    ...(v.ivig === 'ongoing' && Object.keys(dosage).length ? { dosage: [dosage] } : {}),
  };
}


function atVisit(p: FhirPatient, v: FhirVisit, kind: string, status: MedicationStatement['status'], drug: CodeableConcept): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: derivedId(v.id, kind),
    status,
    medicationCodeableConcept: drug,
    subject: bundleRef('Patient', p.id),
    effectiveDateTime: v.visitDate,
  };
}

function jaki(p: FhirPatient): CodeableConcept {
  return medication(p.jakiDrug, p.jakiDrug === 'other' ? 'Other JAK inhibitor' : label(p.jakiDrug));
}

const medications = new Map<string, CodeableConcept>();

/** ATC-coded where the drug has a code; "other" only as text. One object per drug, shared by every statement. */
function medication(code: string, text: string): CodeableConcept {
  let concept = medications.get(code);
  if (!concept) {
    const atc = ATC[code];
    concept = atc ? { coding: [{ system: SYSTEM.atc, code: atc, display: text }] } : { text };
    medications.set(code, concept);
  }
  return concept;
}

/** A daily dose, however many intakes it is split into: a rate in mg/d. */
function perDay(mg: number): Dosage {
  return { doseAndRate: [{ rateQuantity: mgPerDay(mg) }] };
}

function mgPerDay(value: number): Quantity {
  return { value, unit: UNIT.mgPerDay.unit, system: SYSTEM.ucum, code: UNIT.mgPerDay.code };
}
