// Code lists of the interchange contract (docs/interchange.md), with labels for the UI.
import { MEANING_WORDS } from '@/lib/signatures/meaning';

export const SEXES = ['F', 'M'] as const;
export const DM_SUBTYPES = ['classic', 'amyopathic', 'hypomyopathic', 'juvenile_onset'] as const;
export const ANTIBODIES = ['mi2', 'tif1g', 'nxp2', 'mda5', 'sae', 'jo1', 'other', 'none'] as const;
export const PREVIOUS_TREATMENTS = [
  'hydroxychloroquine',
  'methotrexate',
  'mycophenolate',
  'azathioprine',
  'ivig',
  'rituximab',
  'cyclophosphamide',
  'calcineurin_inhibitor',
  'other',
] as const;
export const JAKI_DRUGS = ['baricitinib', 'ruxolitinib', 'tofacitinib', 'upadacitinib', 'other'] as const;
export const JAKI_STOP_REASONS = ['adverse_event', 'inefficacy', 'relapse', 'death', 'patient_choice', 'other'] as const;
export const VISIT_TYPES = ['baseline', 'follow_up'] as const;
export const IVIG_STATUSES = ['none', 'ongoing', 'stopped'] as const;
/** Glucocorticoids a visit may record, converted to the prednisone equivalent (lib/treatments/glucocorticoids.ts). */
export const STEROID_DRUGS = ['prednisone', 'prednisolone', 'methylprednisolone', 'hydrocortisone', 'dexamethasone', 'deflazacort'] as const;
export const RELAPSE_DOMAINS = ['skin', 'muscle', 'lung', 'other'] as const;
export const RELAPSE_ACTIONS = ['none', 'steroid_increase', 'jaki_dose_increase', 'jaki_switched', 'jaki_stopped', 'other_treatment_added'] as const;
export const ROLES = ['clinician', 'coordinator', 'auditor', 'admin'] as const;

export const AE_CATEGORIES = [
  'serious_infection',
  'opportunistic_infection',
  'herpes_zoster',
  'tuberculosis',
  'malignancy',
  'nmsc',
  'mace',
  'thromboembolic',
  'arterial_thrombosis',
  'cytopenia',
  'febrile_neutropenia',
  'gi_perforation',
  'lab_abnormality',
  'death',
  'other',
] as const;
/**
 * JAK-inhibitor adverse events of special interest (docs/domain.md): the boxed-warning events, and
 * also cytopenias, GI perforation and laboratory rises (lipids, liver enzymes, CK). Only "other" is not.
 */
export const AE_SPECIAL_INTEREST: readonly AeCategory[] = AE_CATEGORIES.filter((c) => c !== 'other');
/**
 * The special-interest count of the cohort report (docs/interchange.md): without the catch-all
 * laboratory abnormality, which would count every minor lab finding as a JAKi signal.
 */
export const AE_REPORTED_SPECIAL_INTEREST: readonly AeCategory[] = AE_SPECIAL_INTEREST.filter((c) => c !== 'lab_abnormality');
export function isSpecialInterest(category: string): boolean {
  return (AE_SPECIAL_INTEREST as readonly string[]).includes(category);
}

export const AE_RELATEDNESS = ['not_related', 'unlikely', 'possible', 'probable', 'definite'] as const;
export const AE_ACTIONS = ['none', 'reduced', 'interrupted', 'withdrawn'] as const;
export const AE_OUTCOMES = ['recovered', 'recovering', 'not_recovered', 'sequelae', 'fatal', 'unknown'] as const;
export const SERIOUSNESS_CRITERIA = [
  { key: 'seriousDeath', label: 'Results in death' },
  { key: 'seriousLifeThreatening', label: 'Life-threatening' },
  { key: 'seriousHospitalisation', label: 'Hospitalisation or its prolongation' },
  { key: 'seriousDisability', label: 'Persistent or significant disability' },
  { key: 'seriousCongenitalAnomaly', label: 'Congenital anomaly' },
  { key: 'seriousOtherImportant', label: 'Other important medical event' },
] as const;

export type AeCategory = (typeof AE_CATEGORIES)[number];

export type Role = (typeof ROLES)[number];
export type VisitType = (typeof VISIT_TYPES)[number];
export type SteroidDrug = (typeof STEROID_DRUGS)[number];
export type RelapseDomain = (typeof RELAPSE_DOMAINS)[number];

export const LABELS: Record<string, string> = {
  F: 'Female',
  M: 'Male',
  classic: 'Classic',
  amyopathic: 'Amyopathic',
  hypomyopathic: 'Hypomyopathic',
  juvenile_onset: 'Juvenile onset',
  mi2: 'Mi-2',
  tif1g: 'TIF1-γ',
  nxp2: 'NXP-2',
  mda5: 'MDA5',
  sae: 'SAE',
  jo1: 'Jo-1',
  other: 'Other',
  none: 'None',
  hydroxychloroquine: 'Hydroxychloroquine',
  methotrexate: 'Methotrexate',
  mycophenolate: 'Mycophenolate',
  azathioprine: 'Azathioprine',
  ivig: 'IVIG',
  rituximab: 'Rituximab',
  cyclophosphamide: 'Cyclophosphamide',
  calcineurin_inhibitor: 'Calcineurin inhibitor',
  baricitinib: 'Baricitinib',
  ruxolitinib: 'Ruxolitinib',
  tofacitinib: 'Tofacitinib',
  upadacitinib: 'Upadacitinib',
  adverse_event: 'Adverse event',
  inefficacy: 'Inefficacy',
  relapse: 'Relapse',
  death: 'Death',
  patient_choice: 'Patient choice',
  baseline: 'Baseline',
  follow_up: 'Follow-up',
  ongoing: 'Ongoing',
  stopped: 'Stopped',
  clinician: 'Clinician',
  coordinator: 'Coordinator',
  auditor: 'Auditor',
  admin: 'Admin',
  serious_infection: 'Serious infection',
  opportunistic_infection: 'Opportunistic infection',
  herpes_zoster: 'Herpes zoster',
  tuberculosis: 'Tuberculosis',
  malignancy: 'Malignancy',
  nmsc: 'Non-melanoma skin cancer',
  mace: 'Major adverse cardiovascular event',
  thromboembolic: 'Venous thromboembolism',
  arterial_thrombosis: 'Arterial thrombosis',
  cytopenia: 'Cytopenia',
  febrile_neutropenia: 'Febrile neutropenia',
  gi_perforation: 'GI perforation',
  lab_abnormality: 'Laboratory abnormality',
  not_related: 'Not related',
  unlikely: 'Unlikely',
  possible: 'Possible',
  probable: 'Probable',
  definite: 'Definite',
  reduced: 'Dose reduced',
  interrupted: 'Interrupted',
  withdrawn: 'Withdrawn',
  recovered: 'Recovered',
  recovering: 'Recovering',
  not_recovered: 'Not recovered',
  sequelae: 'Recovered with sequelae',
  fatal: 'Fatal',
  unknown: 'Unknown',
  prednisone: 'Prednisone',
  prednisolone: 'Prednisolone',
  methylprednisolone: 'Methylprednisolone',
  hydrocortisone: 'Hydrocortisone',
  dexamethasone: 'Dexamethasone',
  deflazacort: 'Deflazacort',
  skin: 'Skin',
  muscle: 'Muscle',
  lung: 'Lung (ILD)',
  steroid_increase: 'Glucocorticoids increased',
  jaki_dose_increase: 'JAKi dose increased',
  jaki_switched: 'JAKi switched',
  jaki_stopped: 'JAKi stopped',
  other_treatment_added: 'Another treatment added',
  not_recorded: 'Reason not recorded',
  // A signature's meaning, in the trail's entries.
  ...MEANING_WORDS,
};

export function label(code: string): string {
  return LABELS[code] ?? code;
}
