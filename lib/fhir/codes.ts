// The code systems and codes of the FHIR export (docs/fhir.md). Standard codes where one
// exists (each with where it was checked); the app's own code systems, under a base address
// of its own, where none does (CDASI, MMT8, the IMACS global scales).

/** The base of the app's own code systems, naming systems and extensions. */
export const APP_FHIR_BASE = 'https://dm-jaki-registry.example/fhir';

export const SYSTEM = {
  /** The patient's pseudonymous code, unique in the registry. */
  patientCode: `${APP_FHIR_BASE}/NamingSystem/patient-code`,
  cohortCode: `${APP_FHIR_BASE}/NamingSystem/cohort-code`,
  siteCode: `${APP_FHIR_BASE}/NamingSystem/site-code`,
  /** The app's measures without a standard code: CDASI, MMT8 and its muscle groups, the IMACS scales. */
  measures: `${APP_FHIR_BASE}/CodeSystem/measures`,
  aeCategory: `${APP_FHIR_BASE}/CodeSystem/adverse-event-category`,
  seriousnessCriterion: `${APP_FHIR_BASE}/CodeSystem/seriousness-criterion`,
  jakiAction: `${APP_FHIR_BASE}/CodeSystem/jaki-action`,
  jakiStopReason: `${APP_FHIR_BASE}/CodeSystem/jaki-stop-reason`,
  relatedness: `${APP_FHIR_BASE}/CodeSystem/relatedness`,
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** WHO ATC classification, as FHIR names it. */
  atc: 'http://www.whocc.no/atc',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  aeSeriousness: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
  aeSeverity: 'http://terminology.hl7.org/CodeSystem/adverse-event-severity',
  aeOutcome: 'http://terminology.hl7.org/CodeSystem/adverse-event-outcome',
  aeCausality: 'http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess',
} as const;

export const EXTENSION = {
  /** CTCAE v5 grade 1–5 (valueInteger); AdverseEvent.severity carries the coarser mild/moderate/severe. */
  ctcaeGrade: `${APP_FHIR_BASE}/StructureDefinition/ctcae-grade`,
  /** One per ICH E2A criterion met (valueCoding of SYSTEM.seriousnessCriterion). */
  seriousnessCriterion: `${APP_FHIR_BASE}/StructureDefinition/seriousness-criterion`,
  /** What was done with the JAK inhibitor (valueCoding of SYSTEM.jakiAction). */
  jakiAction: `${APP_FHIR_BASE}/StructureDefinition/jaki-action`,
  /** The day the event ended (valueDate); R4's AdverseEvent has no element for it. */
  endDate: `${APP_FHIR_BASE}/StructureDefinition/adverse-event-end-date`,
  /** A glucocorticoid's prednisone-equivalent daily dose (valueQuantity, mg/d). */
  prednisoneEquivalent: `${APP_FHIR_BASE}/StructureDefinition/prednisone-equivalent`,
} as const;

/** SNOMED CT 396230008 |Dermatomyositis (disorder)|. */
export const DERMATOMYOSITIS = { system: SYSTEM.snomed, code: '396230008', display: 'Dermatomyositis' } as const;

/**
 * LOINC codes of the muscle enzymes, each "[Enzymatic activity/volume] in Serum or Plasma"
 * (checked against laboratory catalogues quoting LOINC: ARUP, Mayo, Labcorp).
 */
export const ENZYME_LOINC = {
  ck: { code: '2157-6', display: 'Creatine kinase [Enzymatic activity/volume] in Serum or Plasma' },
  aldolase: { code: '1761-6', display: 'Aldolase [Enzymatic activity/volume] in Serum or Plasma' },
  ldh: { code: '2532-0', display: 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma' },
  ast: { code: '1920-8', display: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma' },
  alt: { code: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma' },
} as const;

/** WHO ATC codes (2024 edition: the JAK inhibitors moved to L04AF; ruxolitinib is L01EJ01). */
export const ATC: Record<string, string> = {
  tofacitinib: 'L04AF01',
  baricitinib: 'L04AF02',
  upadacitinib: 'L04AF03',
  ruxolitinib: 'L01EJ01',
  dexamethasone: 'H02AB02',
  methylprednisolone: 'H02AB04',
  prednisolone: 'H02AB06',
  prednisone: 'H02AB07',
  hydrocortisone: 'H02AB09',
  deflazacort: 'H02AB13',
  /** Immunoglobulins, normal human, for intravascular administration. */
  ivig: 'J06BA02',
};

/** UCUM units (http://unitsofmeasure.org): code and the unit shown. */
export const UNIT = {
  score: { unit: 'score', code: '{score}' },
  enzyme: { unit: 'U/L', code: 'U/L' },
  mgPerDay: { unit: 'mg/d', code: 'mg/d' },
  gPerKg: { unit: 'g/kg', code: 'g/kg' },
} as const;

/** CTCAE grade → AdverseEvent.severity: 1 mild, 2 moderate, 3–5 severe (the exact grade in EXTENSION.ctcaeGrade). */
export function severityOfGrade(grade: number): 'mild' | 'moderate' | 'severe' {
  return grade <= 1 ? 'mild' : grade === 2 ? 'moderate' : 'severe';
}

/** The app's outcome codes (docs/domain.md) → http://terminology.hl7.org/CodeSystem/adverse-event-outcome. */
export const AE_OUTCOME: Record<string, string> = {
  recovered: 'resolved',
  recovering: 'recovering',
  not_recovered: 'ongoing',
  sequelae: 'resolvedWithSequelae',
  fatal: 'fatal',
  unknown: 'unknown',
};

/**
 * Relatedness → WHO-UMC causality terms of adverse-event-causality-assess. "Not related" has
 * no WHO-UMC term: it goes out in the app's own relatedness system.
 */
export const AE_CAUSALITY: Record<string, string> = {
  definite: 'Certain',
  probable: 'Probably-Likely',
  possible: 'Possible',
  unlikely: 'Unlikely',
};

/** ICH E2A seriousness criteria: the app's field → the code in SYSTEM.seriousnessCriterion. */
export const SERIOUSNESS_CODES = {
  seriousDeath: 'death',
  seriousLifeThreatening: 'life-threatening',
  seriousHospitalisation: 'hospitalisation',
  seriousDisability: 'disability',
  seriousCongenitalAnomaly: 'congenital-anomaly',
  seriousOtherImportant: 'other-important',
} as const;
