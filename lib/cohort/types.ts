// Input of the cohort report: plain data, as the database or a CSV import gives it.

import type { PatientRecord } from '@/lib/interchange/columns';

export type ReportVisit = {
  visitDate: string;
  visitType: 'baseline' | 'follow_up';
  cdasiActivity: number | null;
  cdasiDamage: number | null;
  mmt8: number | null;
  prednisoneMgDay: number | null;
  ivig: 'none' | 'ongoing' | 'stopped' | null;
  activeCutaneous: boolean | null;
  activeMuscle: boolean | null;
  jakiDoseMgDay: number | null;
  physicianGlobal: number | null;
  patientGlobal: number | null;
  extramuscularGlobal: number | null;
  haq: number | null;
  ckUL: number | null;
  ckUln: number | null;
  aldolaseUL: number | null;
  aldolaseUln: number | null;
  ldhUL: number | null;
  ldhUln: number | null;
  astUL: number | null;
  astUln: number | null;
  altUL: number | null;
  altUln: number | null;
};

export type ReportAdverseEvent = {
  category: string;
  serious: boolean;
  ctcaeGrade: number;
  onsetDate: string;
  term: string;
  action: string | null;
};

export type ReportRelapse = { relapseDate: string; domain: string };

/** A patient as the report reads it: its record as a file holds it, at a site named by code. */
export type ReportPatient = Omit<PatientRecord, 'site' | 'cohort'> & {
  siteCode: string;
  visits: ReportVisit[];
  adverseEvents: ReportAdverseEvent[];
  relapses: ReportRelapse[];
};

export type ReportInput = {
  cohort: string;
  /** Site filter: when given, only that site's patients are reported. */
  site?: string | null;
  /** Date the report is made (ISO); echoed as `as_of`. */
  today: string;
  patients: ReportPatient[];
};
