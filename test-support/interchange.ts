// Test support: small valid import files, built from rows keyed by column name.

import { ADVERSE_EVENT_COLUMNS, PATIENT_COLUMNS, RELAPSE_COLUMNS, VISIT_COLUMNS } from '@/lib/interchange/columns';
import type { InterchangeFiles } from '@/lib/interchange/read';

type Cells = Record<string, string>;

export const PATIENT_HEADER = PATIENT_COLUMNS.map((c) => c.name);
export const VISIT_HEADER = VISIT_COLUMNS.map((c) => c.name);
export const EVENT_HEADER = ADVERSE_EVENT_COLUMNS.map((c) => c.name);
export const RELAPSE_HEADER = RELAPSE_COLUMNS.map((c) => c.name);

export function patientCells(overrides: Cells = {}): Cells {
  return {
    patient_code: 'PSL-001',
    site: 'NORD',
    cohort: 'PILOT',
    sex: 'F',
    birth_year: '1968',
    diagnosis_date: '2019-06-01',
    dm_subtype: 'classic',
    antibodies: 'tif1g',
    previous_treatments: 'hydroxychloroquine;methotrexate',
    ild: 'no',
    jaki_drug: 'baricitinib',
    jaki_dose_mg_day: '4',
    jaki_start_date: '2024-01-10',
    jaki_stop_date: '',
    jaki_stop_reason: '',
    death_date: '',
    death_cause: '',
    ...overrides,
  };
}

export function visitCells(overrides: Cells = {}): Cells {
  return {
    patient_code: 'PSL-001',
    visit_date: '2024-01-05',
    visit_type: 'baseline',
    cdasi_activity: '27',
    cdasi_damage: '4',
    mmt8: '120',
    prednisone_mg_day: '10',
    ivig: 'none',
    active_cutaneous: 'yes',
    active_muscle: 'no',
    jaki_dose_mg_day: '4',
    physician_global: '5',
    patient_global: '6',
    extramuscular_global: '3',
    haq: '1.25',
    ck_u_l: '180',
    ...overrides,
  };
}

export function relapseCells(overrides: Cells = {}): Cells {
  return { patient_code: 'PSL-001', relapse_date: '2024-05-02', domain: 'muscle', action: 'steroid_increase', ...overrides };
}

export function eventCells(overrides: Cells = {}): Cells {
  return {
    patient_code: 'PSL-001',
    onset_date: '2024-03-01',
    term: 'Herpes zoster, thoracic',
    category: 'herpes_zoster',
    ctcae_grade: '2',
    serious: 'no',
    related: 'possible',
    action: 'interrupted',
    outcome: 'recovered',
    end_date: '2024-03-20',
    ...overrides,
  };
}

/** A CSV text: the header, then each row's cells in the header's order, quoted when needed. */
export function csv(header: string[], rows: Cells[], eol = '\n'): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].map((l) => l + eol).join('');
}

/** One patient with a baseline, a follow-up and an adverse event, unless told otherwise. */
export function files(parts: { patients?: Cells[]; visits?: Cells[]; events?: Cells[]; relapses?: Cells[] } = {}): InterchangeFiles {
  return {
    patients: csv(PATIENT_HEADER, parts.patients ?? [patientCells()]),
    visits: csv(VISIT_HEADER, parts.visits ?? [visitCells(), visitCells({ visit_date: '2024-04-10', visit_type: 'follow_up', cdasi_activity: '14' })]),
    adverseEvents: csv(EVENT_HEADER, parts.events ?? [eventCells()]),
    relapses: csv(RELAPSE_HEADER, parts.relapses ?? []),
  };
}
