import type { CodeableConcept, Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';
import { MMT8_AXIAL, MMT8_BILATERAL, type KendallGrade, type Mmt8Items } from '@/lib/instruments/mmt8';
import { ENZYME_LOINC, SYSTEM, UNIT } from './codes';
import { derivedId } from './ids';
import { bundleRef, type FhirPatient, type FhirVisit } from './types';

// One Observation per measure recorded at a visit, dated the visit's day. Measures without a
// LOINC code (CDASI, MMT8, the IMACS global scales, HAQ) are coded in the app's own system.

type Category = 'exam' | 'survey' | 'laboratory';

type ScoreKey = 'cdasiActivity' | 'cdasiDamage' | 'physicianGlobal' | 'patientGlobal' | 'extramuscularGlobal' | 'haq';

/** The scores without parts, in the order they are exported; `code` in SYSTEM.measures. */
export const SCORE_MEASURES: readonly { key: ScoreKey; code: string; display: string; category: Category }[] = [
  { key: 'cdasiActivity', code: 'cdasi-activity', display: 'CDASI v2 activity score (0-100)', category: 'exam' },
  { key: 'cdasiDamage', code: 'cdasi-damage', display: 'CDASI v2 damage score (0-32)', category: 'exam' },
  { key: 'physicianGlobal', code: 'physician-global-activity', display: 'Physician global activity (0-10)', category: 'exam' },
  { key: 'patientGlobal', code: 'patient-global-activity', display: 'Patient global activity (0-10)', category: 'survey' },
  { key: 'extramuscularGlobal', code: 'extramuscular-global-activity', display: 'Extramuscular global activity (0-10)', category: 'exam' },
  { key: 'haq', code: 'haq-di', display: 'HAQ disability index (0-3)', category: 'survey' },
];

export const MMT8_CODE = { code: 'mmt8', display: 'MMT8 total, Kendall 0-10 per muscle group' } as const;
/** The trace grade: scores 0 but is kept apart. */
export const MMT8_TRACE = { code: 'kendall-trace', display: 'Trace contraction (scores 0)' } as const;

const ENZYMES = (['ck', 'aldolase', 'ldh', 'ast', 'alt'] as const).map((key) => ({
  key,
  value: `${key}UL` as const,
  uln: `${key}Uln` as const,
  concept: { coding: [{ system: SYSTEM.loinc, ...ENZYME_LOINC[key] }] } as CodeableConcept,
}));

// The codes and categories are the same objects in every resource: a large cohort has
// hundreds of thousands of observations, and JSON.stringify does not mind sharing.
const SCORES = SCORE_MEASURES.map((m) => ({ ...m, concept: measureCode(m.code, m.display) }));
const MMT8_CONCEPT = measureCode(MMT8_CODE.code, MMT8_CODE.display);
const CATEGORIES = Object.fromEntries(
  (['exam', 'survey', 'laboratory'] as const).map((c) => [c, [{ coding: [{ system: SYSTEM.observationCategory, code: c }] }]]),
) as Record<Category, Observation['category']>;
const ULN_TEXT = 'Upper limit of normal of the measuring laboratory';

/** Every Observation of one visit, in a fixed order. */
export function visitObservations(p: FhirPatient, v: FhirVisit): Observation[] {
  const out: Observation[] = [];
  for (const m of SCORES) {
    const value = v[m.key];
    if (value === null) continue;
    out.push(observation(p, v, m.code, m.category, m.concept, { valueQuantity: score(value) }));
  }
  if (v.mmt8 !== null || v.mmt8Items) {
    out.push(
      observation(p, v, MMT8_CODE.code, 'exam', MMT8_CONCEPT, {
        ...(v.mmt8 !== null ? { valueQuantity: score(v.mmt8) } : {}),
        ...(v.mmt8Items ? { component: mmt8Components(v.mmt8Items) } : {}),
      }),
    );
  }
  for (const e of ENZYMES) {
    const value = v[e.value];
    if (value === null) continue;
    const uln = v[e.uln];
    out.push(
      observation(p, v, e.key, 'laboratory', e.concept, {
        valueQuantity: enzyme(value),
        ...(uln !== null ? { referenceRange: [{ high: enzyme(uln), text: ULN_TEXT }] } : {}),
      }),
    );
  }
  return out;
}

/** Neck flexors once, then each bilateral group right and left, as entered. */
export function mmt8Components(items: Mmt8Items): ObservationComponent[] {
  const out: ObservationComponent[] = [component(MMT8_AXIAL.key, MMT8_AXIAL.label, items.neckFlexors)];
  for (const g of MMT8_BILATERAL) {
    out.push(component(`${g.key}-right`, `${g.label}, right`, items.right[g.key]));
    out.push(component(`${g.key}-left`, `${g.label}, left`, items.left[g.key]));
  }
  return out;
}

function component(group: string, label: string, grade: KendallGrade): ObservationComponent {
  const code = measureCode(`mmt8-${kebab(group)}`, `MMT8 ${label}`);
  return grade === 'T'
    ? { code, valueCodeableConcept: { coding: [{ system: SYSTEM.measures, ...MMT8_TRACE }], text: 'T' } }
    : { code, valueQuantity: score(grade) };
}

function observation(p: FhirPatient, v: FhirVisit, kind: string, category: Category, code: CodeableConcept, value: Partial<Observation>): Observation {
  return {
    resourceType: 'Observation',
    id: derivedId(v.id, kind),
    status: 'final',
    category: CATEGORIES[category],
    code,
    subject: bundleRef('Patient', p.id),
    effectiveDateTime: v.visitDate,
    ...value,
  };
}

function measureCode(code: string, display: string): CodeableConcept {
  return { coding: [{ system: SYSTEM.measures, code, display }] };
}

function score(value: number): Quantity {
  return { value, unit: UNIT.score.unit, system: SYSTEM.ucum, code: UNIT.score.code };
}

function enzyme(value: number): Quantity {
  return { value, unit: UNIT.enzyme.unit, system: SYSTEM.ucum, code: UNIT.enzyme.code };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
