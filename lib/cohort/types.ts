// Input of the cohort report: plain data, as the database or a CSV import gives it.

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
};

export type ReportAdverseEvent = {
  category: string;
  serious: boolean;
  ctcaeGrade: number;
  onsetDate: string;
  term: string;
};

export type ReportPatient = {
  code: string;
  siteCode: string;
  sex: 'F' | 'M';
  birthYear: number;
  diagnosisDate: string | null;
  dmSubtype: string | null;
  antibodies: string[];
  previousTreatments: string[];
  ild: boolean | null;
  jakiDrug: string;
  jakiDoseMgDay: number;
  jakiStartDate: string;
  jakiStopDate: string | null;
  jakiStopReason: string | null;
  deathDate: string | null;
  deathCause: string | null;
  visits: ReportVisit[];
  adverseEvents: ReportAdverseEvent[];
};

export type ReportInput = {
  cohort: string;
  /** Site filter: when given, only that site's patients are reported. */
  site?: string | null;
  /** Date the report is made (ISO); echoed as `as_of`. */
  today: string;
  patients: ReportPatient[];
};
