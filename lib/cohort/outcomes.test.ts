import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '@/lib/dates';
import { START, patient, visit } from '@/test-support/report-fixture';
import { baselineEnzyme } from './improvement';
import { buildReport } from './report';
import { adverseEventSummary, exposureDays, isTreatmentEmergent, jakiContinued, relapseSummary } from './outcomes';
import type { ReportAdverseEvent } from './types';
import { DEFAULT_REPORT_SETTINGS } from './windows';

// The second report contract's definitions (docs/report.md), each on hand-made patients.

const onDay = (day: number, fields: Partial<ReportAdverseEvent> = {}): ReportAdverseEvent => ({
  category: 'herpes_zoster',
  serious: false,
  ctcaeGrade: 2,
  onsetDate: addDays(START, day),
  term: 'Herpes zoster',
  action: null,
  ...fields,
});

describe('JAKi continuation', () => {
  test('a death ends the treatment even when no stop date was entered', () => {
    const patients = [
      patient('ON', {}),
      patient('STOPPED', { jakiStopDate: '2024-06-01', jakiStopReason: 'inefficacy' }),
      patient('DIED', { deathDate: '2024-09-01' }),
    ];
    assert.deepEqual(jakiContinued(patients), { n: 1, of: 3 });
  });
});

describe('treatment-emergent adverse events', () => {
  const stopped = patient('S', { jakiStopDate: addDays(START, 200) });
  const settings = DEFAULT_REPORT_SETTINGS;

  test('from day 0 to 30 days after the stop, both ends included', () => {
    assert.equal(isTreatmentEmergent(stopped, addDays(START, -1), settings), false, 'the day before the start');
    assert.equal(isTreatmentEmergent(stopped, START, settings), true, 'day 0');
    assert.equal(isTreatmentEmergent(stopped, addDays(START, 230), settings), true, '30 days after the stop');
    assert.equal(isTreatmentEmergent(stopped, addDays(START, 240), settings), false, '40 days after the stop');
    assert.equal(isTreatmentEmergent(stopped, addDays(START, 240), { aeWindowAfterStopDays: 60 }), true, 'a longer window');
    assert.equal(isTreatmentEmergent(patient('ON', {}), addDays(START, 3000), settings), true, 'no stop: no end');
  });

  test('events before the start or long after the stop are left out, and counted as left out', () => {
    const p = patient('S', {
      jakiStopDate: addDays(START, 200),
      visits: [visit('baseline', 0), visit('follow_up', 180)],
      adverseEvents: [
        onDay(-210, { category: 'herpes_zoster' }), // seven months before the start
        onDay(50, { category: 'lab_abnormality', serious: true }),
        onDay(120, { category: 'thromboembolic', serious: true, ctcaeGrade: 3, action: 'withdrawn' }),
        onDay(240, { category: 'serious_infection' }), // 40 days after the stop
      ],
    });
    const summary = adverseEventSummary([p, patient('NONE', { visits: [visit('baseline', 0), visit('follow_up', 100)] })], settings);
    assert.deepEqual(summary, {
      total: 2,
      serious: 2,
      special_interest: 1, // the thromboembolism; the catch-all lab abnormality is not counted
      patients: 1,
      leading_to_discontinuation: 1,
      exposure_years: (200 + 100) / 365.25,
      rate_per_100_patient_years: (100 * 2) / (300 / 365.25),
      not_treatment_emergent: 2,
      by_category: { lab_abnormality: 1, thromboembolic: 1 },
      by_grade: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 },
    });
  });

  test('no exposure: no rate', () => {
    const summary = adverseEventSummary([patient('NEW', {})], settings);
    assert.equal(summary.exposure_years, 0);
    assert.equal(summary.rate_per_100_patient_years, null);
  });
});

describe('exposure', () => {
  test('to the earliest of stop, death and end of follow-up; else to the last visit', () => {
    const visits = [visit('baseline', -5), visit('follow_up', 300), visit('follow_up', 90)];
    assert.equal(exposureDays(patient('A', { visits })), 300);
    assert.equal(exposureDays(patient('B', { visits, followUpEndDate: addDays(START, 250) })), 250);
    assert.equal(exposureDays(patient('C', { visits, followUpEndDate: addDays(START, 250), deathDate: addDays(START, 240) })), 240);
    assert.equal(exposureDays(patient('D', { visits, jakiStopDate: addDays(START, 100), deathDate: addDays(START, 240) })), 100);
    assert.equal(exposureDays(patient('E', {})), 0, 'no visit, no end');
    assert.equal(exposureDays(patient('F', { visits: [visit('baseline', -5)] })), 0, 'a baseline before the start counts no days');
  });
});

describe('relapses', () => {
  test('on the JAKi: from day 0 to the stop, both included', () => {
    const relapse = (day: number, domain: string) => ({ relapseDate: addDays(START, day), domain });
    const patients = [
      patient('A', { relapses: [relapse(-10, 'skin'), relapse(0, 'muscle'), relapse(150, 'muscle')] }),
      patient('B', { jakiStopDate: addDays(START, 100), relapses: [relapse(100, 'skin'), relapse(101, 'lung')] }),
      patient('C', {}),
    ];
    assert.deepEqual(relapseSummary(patients), { events: 3, patients: 2, by_domain: { muscle: 2, skin: 1 } });
  });
});

describe('the IMACS enzyme', () => {
  test('the enzyme most above its upper limit at baseline (value / ULN)', () => {
    // CK 300/190 = 1.58, aldolase 15.2/7.6 = 2.0, LDH 400 without a limit
    assert.equal(baselineEnzyme(visit('baseline', 0, { ckUL: 300, ckUln: 190, aldolaseUL: 15.2, aldolaseUln: 7.6, ldhUL: 400 })), 'aldolase');
  });

  test('a tie goes to the earlier of CK, aldolase, LDH, AST, ALT', () => {
    assert.equal(baselineEnzyme(visit('baseline', 0, { astUL: 80, astUln: 40, ldhUL: 500, ldhUln: 250 })), 'ldh');
    assert.equal(baselineEnzyme(visit('baseline', 0, { ckUL: 380, ckUln: 190, altUL: 80, altUln: 40 })), 'ck');
  });

  test('CK when no enzyme has a limit, even when CK itself is missing', () => {
    assert.equal(baselineEnzyme(visit('baseline', 0, { aldolaseUL: 20, ldhUL: 900 })), 'ck');
    assert.equal(baselineEnzyme(visit('baseline', 0, {})), 'ck');
  });

  test('the chosen enzyme is followed at every time point: a normal CK falling scores nothing', () => {
    // CK is normal (100/190) and falls 50%; aldolase is high (22.8/7.6 = 3) and does not move.
    const measures = { physicianGlobal: 6, patientGlobal: 6, haq: 1, extramuscularGlobal: 4, mmt8: 120, aldolaseUln: 7.6, ckUln: 190 };
    const p = patient('E', {
      visits: [
        visit('baseline', 0, { ...measures, ckUL: 100, aldolaseUL: 22.8 }),
        visit('follow_up', 91, { ...measures, ckUL: 50, aldolaseUL: 22.8 }),
      ],
    });
    const rows = buildReport({ cohort: 'E', today: '2025-01-01', patients: [p] }).imacs.per_patient;
    assert.deepEqual(rows.map((r) => [r.time_point, r.tis]), [['m3', 0], ['final', 0]]);
    // Followed by CK, the same visits would score the enzyme's 50% improvement.
    const byCk = patient('C', { visits: p.visits.map((v) => ({ ...v, aldolaseUln: null })) });
    assert.ok(buildReport({ cohort: 'C', today: '2025-01-01', patients: [byCk] }).imacs.per_patient[0]!.tis! > 0);
  });
});
