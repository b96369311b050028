import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Bundle, Observation, Resource } from '@medplum/fhirtypes';
import { uniformMmt8Items } from '@/lib/instruments/mmt8';
import { emptyMeasures } from '@/lib/visits/fields';
import { bundleProblems } from '@/test-support/fhir';
import { bundleJson, bundlePieces } from './bundle';
import { EXTENSION, SYSTEM } from './codes';
import { derivedId } from './ids';
import type { FhirAdverseEvent, FhirCohort, FhirPatient, FhirVisit } from './types';

// The FHIR mapping of a small made-up cohort: every resource validates against the R4
// definitions (test-support/fhir.ts), and carries the codes and values of the records.

const cohort: FhirCohort = { id: '0b7f5a0e-1c2d-4e3f-8a9b-0c1d2e3f4a5b', code: 'TEST', name: 'Test cohort' };

function visit(id: string, date: string, measures: Partial<FhirVisit>): FhirVisit {
  return { ...emptyMeasures(), id, visitDate: date, mmt8Items: null, ...measures };
}

const event: FhirAdverseEvent = {
  id: '7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5',
  term: 'Pulmonary embolism',
  category: 'thromboembolic',
  onsetDate: '2023-05-02',
  endDate: '2023-06-01',
  ctcaeGrade: 3,
  serious: true,
  seriousDeath: false,
  seriousLifeThreatening: false,
  seriousHospitalisation: true,
  seriousDisability: false,
  seriousCongenitalAnomaly: false,
  seriousOtherImportant: true,
  related: 'probable',
  action: 'withdrawn',
  outcome: 'recovered',
};

const mmt8Items = { ...uniformMmt8Items(9), neckFlexors: 'T' as const };

const full: FhirPatient = {
  id: '1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
  code: 'TST-001',
  site: 'NORD',
  sex: 'F',
  birthYear: 1961,
  diagnosisDate: '2019-03-01',
  jakiDrug: 'baricitinib',
  jakiDoseMgDay: 4,
  jakiStartDate: '2023-01-10',
  jakiStopDate: '2023-06-01',
  jakiStopReason: 'adverse_event',
  deathDate: null,
  followUpEndDate: '2023-12-31',
  visits: [
    visit('2b3c4d5e-6f7a-4b2c-8d3e-4f5a6b7c8d9e', '2023-01-10', {
      cdasiActivity: 27, cdasiDamage: 4, mmt8: 124, mmt8Items: { ...mmt8Items, right: { ...mmt8Items.right, deltoid: 7 } },
      jakiDoseMgDay: 4, steroidDrug: 'methylprednisolone', steroidMgDay: 16, prednisoneMgDay: 20,
      ivig: 'ongoing', ivigDoseGKg: 2, ivigIntervalWeeks: 4,
      physicianGlobal: 6.5, patientGlobal: 7, extramuscularGlobal: 4, haq: 1.25,
      ckUL: 850, ckUln: 190, aldolaseUL: 12.5, aldolaseUln: 7.6, ldhUL: 400, ldhUln: 250, astUL: 60, astUln: 40, altUL: 45, altUln: 40,
    }),
    visit('3c4d5e6f-7a8b-4c3d-9e4f-5a6b7c8d9e0f', '2023-04-12', { cdasiActivity: 12, jakiDoseMgDay: 2, prednisoneMgDay: 0, ivig: 'stopped', ckUL: 120 }),
  ],
  adverseEvents: [event],
};

/** A patient with the least the registry holds: no visit, no event, no dates but the JAKi start. */
const bare: FhirPatient = {
  ...full, id: '4d5e6f7a-8b9c-4d4e-8f5a-6b7c8d9e0f1a', code: 'TST-002', sex: 'M', birthYear: 1975, diagnosisDate: null, jakiDrug: 'other',
  jakiStopDate: null, jakiStopReason: null, followUpEndDate: null, visits: [], adverseEvents: [],
};

const bundle = JSON.parse(bundleJson(cohort, [full, bare], { timestamp: '2024-01-02T03:04:05.000Z' })) as Bundle;
const resources = bundle.entry!.map((e) => e.resource!);

type Of<K extends Resource['resourceType']> = Extract<Resource, { resourceType: K }>;

function only<K extends Resource['resourceType']>(type: K, pred: (r: Of<K>) => boolean = () => true): Of<K>[] {
  return resources.filter((r): r is Of<K> => r.resourceType === type && pred(r as Of<K>));
}

function observation(code: string, date = '2023-01-10'): Observation {
  const [o, ...more] = only('Observation', (o) => o.code.coding?.[0]?.code === code && o.effectiveDateTime === date);
  assert.ok(o, `no ${code} observation on ${date}`);
  assert.equal(more.length, 0, `${code} twice on ${date}`);
  return o;
}

describe('FHIR export', () => {
  test('every resource and the Bundle validate against the FHIR R4 definitions', () => {
    assert.equal(bundle.type, 'collection');
    assert.deepEqual(bundleProblems(bundle), []);
  });

  test('the validator used by these tests does refuse what is not FHIR', () => {
    const broken = structuredClone(bundle);
    const patient = broken.entry!.find((e) => e.resource?.resourceType === 'Patient')!.resource as unknown as Record<string, unknown>;
    patient.birthDate = '61';
    patient.colour = 'blue';
    const obs = broken.entry!.find((e) => e.resource?.resourceType === 'Observation')!.resource as unknown as Record<string, unknown>;
    delete obs.status;
    (obs.subject as { reference: string }).reference = `urn:uuid:${cohort.id}`; // the study, not a patient
    const problems = bundleProblems(broken).join('\n');
    assert.match(problems, /birthDate/);
    assert.match(problems, /colour/);
    assert.match(problems, /Observation\.status/);
    assert.match(problems, /Observation\.subject/);
  });

  test('a patient is its pseudonymous code, sex and birth year: no name, no full birth date anywhere', () => {
    const [patient] = only('Patient', (p) => p.id === full.id);
    assert.deepEqual(patient?.identifier, [{ system: SYSTEM.patientCode, value: 'TST-001' }]);
    assert.equal(patient?.gender, 'female');
    assert.equal(patient?.birthDate, '1961');
    const json = JSON.stringify(bundle);
    assert.doesNotMatch(json, /"name"\s*:/);
    assert.doesNotMatch(json, /"birthDate":"\d{4}-/);
    for (const p of only('Patient')) assert.match(p.birthDate ?? '', /^\d{4}$/);
  });

  test('the study, the subject and the diagnosis (SNOMED CT 396230008)', () => {
    const [study] = only('ResearchStudy');
    assert.equal(study?.identifier?.[0]?.value, 'TEST');
    const subjects = only('ResearchSubject');
    assert.equal(subjects.length, 2);
    const subject = subjects.find((s) => s.individual.reference === `urn:uuid:${full.id}`);
    assert.equal(subject?.status, 'off-study');
    assert.deepEqual(subject?.period, { start: '2023-01-10', end: '2023-12-31' });
    assert.equal(subjects.find((s) => s.individual.reference === `urn:uuid:${bare.id}`)?.status, 'on-study');
    const conditions = only('Condition');
    assert.equal(conditions.length, 2);
    for (const c of conditions) assert.deepEqual(c.code?.coding?.[0], { system: 'http://snomed.info/sct', code: '396230008', display: 'Dermatomyositis' });
    assert.equal(conditions.find((c) => c.subject.reference === `urn:uuid:${full.id}`)?.onsetDateTime, '2019-03-01');
  });

  test('one observation per measure per visit, with its value and unit', () => {
    assert.equal(observation('cdasi-activity').valueQuantity?.value, 27);
    assert.equal(observation('cdasi-activity', '2023-04-12').valueQuantity?.value, 12);
    assert.equal(observation('cdasi-damage').valueQuantity?.value, 4);
    assert.equal(observation('physician-global-activity').valueQuantity?.value, 6.5);
    assert.equal(observation('patient-global-activity').valueQuantity?.value, 7);
    assert.equal(observation('extramuscular-global-activity').valueQuantity?.value, 4);
    assert.equal(observation('haq-di').valueQuantity?.value, 1.25);
    // 11 on the first visit (6 scores, MMT8, 5 enzymes... minus none), 2 on the second
    assert.equal(only('Observation', (o) => o.effectiveDateTime === '2023-01-10').length, 12);
    assert.equal(only('Observation', (o) => o.effectiveDateTime === '2023-04-12').length, 2);
    assert.equal(only('Observation', (o) => o.subject?.reference === `urn:uuid:${bare.id}`).length, 0);
  });

  test('enzymes carry their LOINC code, U/L and the laboratory’s upper limit of normal', () => {
    const ck = observation('2157-6');
    assert.equal(ck.code.coding?.[0]?.system, 'http://loinc.org');
    assert.deepEqual(ck.valueQuantity, { value: 850, unit: 'U/L', system: 'http://unitsofmeasure.org', code: 'U/L' });
    assert.equal(ck.referenceRange?.[0]?.high?.value, 190);
    assert.equal(ck.category?.[0]?.coding?.[0]?.code, 'laboratory');
    assert.equal(observation('1761-6').referenceRange?.[0]?.high?.value, 7.6);
    for (const code of ['2532-0', '1920-8', '1742-6']) assert.ok(observation(code));
    assert.equal(observation('2157-6', '2023-04-12').referenceRange, undefined, 'no ULN recorded, no range');
  });

  test('MMT8 with a component per muscle group when the items were entered, trace kept apart', () => {
    const mmt8 = observation('mmt8');
    assert.equal(mmt8.valueQuantity?.value, 124);
    assert.equal(mmt8.component?.length, 15);
    const part = (code: string) => mmt8.component?.find((c) => c.code.coding?.[0]?.code === code);
    assert.equal(part('mmt8-neck-flexors')?.valueCodeableConcept?.text, 'T');
    assert.equal(part('mmt8-deltoid-right')?.valueQuantity?.value, 7);
    assert.equal(part('mmt8-deltoid-left')?.valueQuantity?.value, 9);
    assert.equal(part('mmt8-ankle-dorsiflexors-left')?.valueQuantity?.value, 9);
  });

  test('the JAK inhibitor: one course from start to stop, and the dose at each visit', () => {
    const statements = only('MedicationStatement');
    const course = statements.find((m) => m.id === derivedId(full.id, 'jaki-course'));
    assert.equal(course?.status, 'stopped');
    assert.deepEqual(course?.effectivePeriod, { start: '2023-01-10', end: '2023-06-01' });
    assert.deepEqual(course?.medicationCodeableConcept?.coding?.[0], { system: 'http://www.whocc.no/atc', code: 'L04AF02', display: 'Baricitinib' });
    assert.equal(course?.statusReason?.[0]?.coding?.[0]?.code, 'adverse_event');
    assert.deepEqual(course?.dosage?.[0]?.doseAndRate?.[0]?.rateQuantity, { value: 4, unit: 'mg/d', system: 'http://unitsofmeasure.org', code: 'mg/d' });
    const doses = statements.filter((m) => m.partOf?.[0]?.reference === `urn:uuid:${course?.id}`);
    assert.deepEqual(doses.map((m) => [m.effectiveDateTime, m.dosage?.[0]?.doseAndRate?.[0]?.rateQuantity?.value]), [['2023-01-10', 4], ['2023-04-12', 2]]);
    const other = statements.find((m) => m.id === derivedId(bare.id, 'jaki-course'));
    assert.equal(other?.status, 'active');
    assert.equal(other?.medicationCodeableConcept?.coding, undefined);
  });

  test('glucocorticoids: the drug given with its dose and its prednisone equivalent; none taken says so', () => {
    const [first, second] = full.visits.map((v) => only('MedicationStatement', (m) => m.id === derivedId(v.id, 'glucocorticoid'))[0]);
    assert.equal(first?.medicationCodeableConcept?.coding?.[0]?.code, 'H02AB04');
    assert.equal(first?.dosage?.[0]?.doseAndRate?.[0]?.rateQuantity?.value, 16);
    assert.deepEqual(first?.extension, [{ url: EXTENSION.prednisoneEquivalent, valueQuantity: { value: 20, unit: 'mg/d', system: 'http://unitsofmeasure.org', code: 'mg/d' } }]);
    assert.equal(second?.status, 'not-taken');
    assert.equal(second?.medicationCodeableConcept?.coding?.[0]?.code, 'H02AB07');
    assert.equal(second?.dosage, undefined);
  });

  test('IVIG: dose per course and the weeks between courses while ongoing, then stopped', () => {
    const [first, second] = full.visits.map((v) => only('MedicationStatement', (m) => m.id === derivedId(v.id, 'ivig'))[0]);
    assert.equal(first?.status, 'active');
    assert.equal(first?.medicationCodeableConcept?.coding?.[0]?.code, 'J06BA02');
    assert.deepEqual(first?.dosage?.[0]?.doseAndRate?.[0]?.doseQuantity, { value: 2, unit: 'g/kg', system: 'http://unitsofmeasure.org', code: 'g/kg' });
    assert.deepEqual(first?.dosage?.[0]?.timing?.repeat, { frequency: 1, period: 4, periodUnit: 'wk' });
    assert.equal(second?.status, 'stopped');
  });

  test('an adverse event: seriousness and its criteria, severity from the grade and the grade itself', () => {
    const [ae] = only('AdverseEvent');
    assert.equal(ae?.id, event.id);
    assert.equal(ae?.event?.text, 'Pulmonary embolism');
    assert.equal(ae?.date, '2023-05-02');
    assert.equal(ae?.seriousness?.coding?.[0]?.code, 'Serious');
    assert.equal(ae?.severity?.coding?.[0]?.code, 'severe');
    assert.equal(ae?.outcome?.coding?.[0]?.code, 'resolved');
    assert.equal(ae?.suspectEntity?.[0]?.causality?.[0]?.assessment?.coding?.[0]?.code, 'Probably-Likely');
    assert.equal(ae?.suspectEntity?.[0]?.instance.reference, `urn:uuid:${derivedId(full.id, 'jaki-course')}`);
    const ext = (url: string) => ae?.extension?.filter((x) => x.url === url) ?? [];
    assert.equal(ext(EXTENSION.ctcaeGrade)[0]?.valueInteger, 3);
    assert.deepEqual(ext(EXTENSION.seriousnessCriterion).map((x) => x.valueCoding?.code), ['hospitalisation', 'other-important']);
    assert.equal(ext(EXTENSION.jakiAction)[0]?.valueCoding?.code, 'withdrawn');
    assert.equal(ext(EXTENSION.endDate)[0]?.valueDate, '2023-06-01');
  });

  test('resource ids are the same from one export to the next, and unique', () => {
    const again = JSON.parse(bundleJson(cohort, [full, bare], { timestamp: '2025-01-01T00:00:00.000Z' })) as Bundle;
    assert.deepEqual(again.entry!.map((e) => e.fullUrl), bundle.entry!.map((e) => e.fullUrl));
    assert.equal(new Set(bundle.entry!.map((e) => e.fullUrl)).size, bundle.entry!.length);
    assert.equal(only('Patient', (p) => p.id === full.id).length, 1, 'a patient keeps its record id');
  });

  test('written in pieces that join to the same JSON', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...full, id: derivedId(full.id, String(i)), code: `TST-${i}` }));
    const pieces = [...bundlePieces(cohort, many, { timestamp: '2024-01-02T03:04:05.000Z' })];
    assert.ok(pieces.length > 2);
    assert.equal(JSON.parse(pieces.join('')).entry.length, 1 + 300 * (4 + 12 + 2 + 3 + 3 + 1));
  });
});
