// A small hand-made cohort for the report tests; every number the tests expect is worked out
// by hand from these rows (see lib/cohort/report.test.ts). All patients start the JAKi on 2024-01-01.

import { addDays } from '@/lib/dates';
import type { ReportAdverseEvent, ReportInput, ReportPatient, ReportVisit } from '@/lib/cohort/types';

export const START = '2024-01-01';

const EMPTY_VISIT: Omit<ReportVisit, 'visitDate' | 'visitType'> = {
  cdasiActivity: null,
  cdasiDamage: null,
  mmt8: null,
  prednisoneMgDay: null,
  ivig: null,
  activeCutaneous: null,
  activeMuscle: null,
  jakiDoseMgDay: null,
  physicianGlobal: null,
  patientGlobal: null,
  extramuscularGlobal: null,
  haq: null,
  ckUL: null,
  ckUln: null,
  aldolaseUL: null,
  aldolaseUln: null,
  ldhUL: null,
  ldhUln: null,
  astUL: null,
  astUln: null,
  altUL: null,
  altUln: null,
};

export function visit(type: 'baseline' | 'follow_up', day: number, values: Partial<ReportVisit> = {}): ReportVisit {
  return { ...EMPTY_VISIT, visitDate: addDays(START, day), visitType: type, ...values };
}

/** The IMACS core set measures other than MMT8 (its own field), in the visit's field names. */
export function csm(physicianGlobal: number, patientGlobal: number, haq: number, ckUL: number, extramuscularGlobal: number) {
  return { physicianGlobal, patientGlobal, haq, ckUL, extramuscularGlobal };
}

function ae(category: string, ctcaeGrade: number, serious: boolean): ReportAdverseEvent {
  return { category, ctcaeGrade, serious, onsetDate: addDays(START, 100), term: category.replace('_', ' '), action: null };
}

export function patient(code: string, values: Partial<ReportPatient>): ReportPatient {
  return {
    code,
    siteCode: 'A',
    sex: 'F',
    birthYear: 1970,
    diagnosisDate: null,
    dmSubtype: 'classic',
    antibodies: [],
    previousTreatments: [],
    ild: null,
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: 4,
    jakiStartDate: START,
    jakiStopDate: null,
    jakiStopReason: null,
    deathDate: null,
    deathCause: null,
    followUpEndDate: null,
    visits: [],
    adverseEvents: [],
    relapses: [],
    ...values,
  };
}

/**
 * visits at days -3 (baseline), 91, 182, 365 → m3 91, m6 182, final 365.
 * days 0, 81, 101, 200 → m3 81 (tie with 101, the earlier), m6 200, final 200.
 * days 0, 300 → no m3, no m6 (300 > 227), final 300. Died; JAKi stopped.
 * baseline only → no m3, m6 or final.
 * no baseline visit; day 95 → m3 95 and final 95, never paired.
 */
export const COHORT: ReportPatient[] = [
  patient('A-02', {
    sex: 'M',
    birthYear: 1960,
    ild: true,
    previousTreatments: ['hydroxychloroquine', 'methotrexate'],
    jakiDrug: 'ruxolitinib',
    jakiDoseMgDay: 30,
    jakiStopDate: '2024-08-01',
    jakiStopReason: 'adverse_event',
    visits: [
      visit('follow_up', 101, { cdasiActivity: 12, mmt8: 150, prednisoneMgDay: 10 }),
      visit('baseline', 0, { cdasiActivity: 20, cdasiDamage: 3, mmt8: 150, prednisoneMgDay: 20, ivig: 'none', activeCutaneous: true, activeMuscle: false, ...csm(3, 3, 0.5, 150, 2) }),
      visit('follow_up', 81, { cdasiActivity: 18, mmt8: 150, prednisoneMgDay: 15, ...csm(4, 4, 0.75, 200, 3) }),
      visit('follow_up', 200, { cdasiActivity: 12, mmt8: 150, prednisoneMgDay: 7.5 }),
    ],
    adverseEvents: [ae('thromboembolic', 3, true)],
  }),
  patient('A-01', {
    ild: false,
    diagnosisDate: '2020-01-01',
    previousTreatments: ['methotrexate', 'ivig'],
    visits: [
      visit('baseline', -3, { cdasiActivity: 30, cdasiDamage: 5, mmt8: 120, prednisoneMgDay: 10, ivig: 'ongoing', activeCutaneous: true, activeMuscle: true, ...csm(6, 6, 1, 300, 4) }),
      visit('follow_up', 91, { cdasiActivity: 20, cdasiDamage: 5, mmt8: 130, prednisoneMgDay: 7.5, ivig: 'ongoing', ...csm(4, 5, 0.875, 240, 2) }),
      visit('follow_up', 182, { cdasiActivity: 10, cdasiDamage: 4, mmt8: 140, prednisoneMgDay: 5, ivig: 'stopped' }),
      visit('follow_up', 365, { cdasiActivity: 8, cdasiDamage: 4, mmt8: 140, prednisoneMgDay: 5, ivig: 'stopped', ...csm(1, 1, 0.25, 100, 0) }),
    ],
    adverseEvents: [ae('herpes_zoster', 2, false)],
  }),
  patient('A-03', {
    birthYear: 1980,
    diagnosisDate: '2023-01-01',
    previousTreatments: ['other', 'methotrexate'],
    jakiDoseMgDay: 2,
    jakiStopDate: '2024-11-15',
    jakiStopReason: 'death',
    deathDate: '2024-11-15',
    deathCause: 'progressive interstitial lung disease',
    visits: [
      visit('baseline', 0, { cdasiActivity: 40, cdasiDamage: 8, prednisoneMgDay: 4, ivig: 'ongoing', activeCutaneous: true }),
      visit('follow_up', 300, { cdasiActivity: 35, cdasiDamage: 8, mmt8: 100, prednisoneMgDay: 2.5, ivig: 'ongoing' }),
    ],
    adverseEvents: [ae('death', 5, true), ae('febrile_neutropenia', 4, true)],
  }),
  patient('A-04', {
    sex: 'M',
    birthYear: 1975,
    diagnosisDate: '2022-07-01',
    visits: [visit('baseline', 0, { cdasiActivity: 25, cdasiDamage: 2, mmt8: 110, prednisoneMgDay: 10, ivig: 'ongoing', activeCutaneous: false, activeMuscle: true })],
    adverseEvents: [ae('other', 1, false)],
  }),
  patient('A-05', {
    birthYear: 1990,
    jakiDrug: 'tofacitinib',
    jakiDoseMgDay: 11,
    visits: [visit('follow_up', 95, { cdasiActivity: 15, mmt8: 130 })],
  }),
];

export const INPUT: ReportInput = { cohort: 'PILOT', today: '2025-06-30', patients: COHORT };
