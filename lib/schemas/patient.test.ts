import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, todayIso } from '@/lib/dates';
import { patientEditSchema, patientSchema } from './patient';
import { messages } from '@/test-support/messages';

const SITE = '6f1c2a52-4f0e-4d8e-9b8a-2f7d3c1e5a10';
const COHORT = 'a3b9e1d4-7c2f-4e6a-8d5b-1c0f9e8d7a62';

// What the patient form sends: strings, '' when blank, arrays for the multi-selects.
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'NRD-001',
    siteId: SITE,
    cohortId: COHORT,
    sex: 'F',
    birthYear: '1970',
    diagnosisDate: '2020-05-01',
    dmSubtype: 'classic',
    antibodies: ['tif1g'],
    previousTreatments: ['methotrexate', 'hydroxychloroquine'],
    ild: 'no',
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: '4',
    jakiStartDate: '2023-03-01',
    jakiStopDate: '',
    jakiStopReason: '',
    deathDate: '',
    deathCause: '',
    ...overrides,
  };
}

function refused(overrides: Record<string, unknown>) {
  const r = patientSchema.safeParse(form(overrides));
  assert.equal(r.success, false, 'expected the patient to be refused');
  return messages(r);
}

function value(overrides: Record<string, unknown>) {
  const r = patientSchema.safeParse(form(overrides));
  assert.equal(r.success, true, JSON.stringify(messages(r)));
  return r.data!;
}

const CODE_MESSAGE = 'Patient code must be 2–40 letters, digits, - or _ (a pseudonym, never a name)';
const THIS_YEAR = new Date().getFullYear();

describe('patientSchema: a complete patient', () => {
  test('turns the form into typed values', () => {
    assert.deepEqual(value({}), {
      code: 'NRD-001',
      siteId: SITE,
      cohortId: COHORT,
      sex: 'F',
      birthYear: 1970,
      diagnosisDate: '2020-05-01',
      dmSubtype: 'classic',
      antibodies: ['tif1g'],
      previousTreatments: ['methotrexate', 'hydroxychloroquine'],
      ild: false,
      jakiDrug: 'baricitinib',
      jakiDoseMgDay: 4,
      jakiStartDate: '2023-03-01',
      jakiStopDate: null,
      jakiStopReason: null,
      deathDate: null,
      deathCause: null,
      followUpEndDate: null,
    });
  });

  test('the optional fields may be blank or left out', () => {
    const r = patientSchema.safeParse({
      code: 'SUD-002',
      siteId: SITE,
      cohortId: COHORT,
      sex: 'M',
      birthYear: '1955',
      jakiDrug: 'ruxolitinib',
      jakiDoseMgDay: '30',
      jakiStartDate: '2022-11-15',
    });
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.equal(r.data!.diagnosisDate, null);
    assert.equal(r.data!.dmSubtype, null);
    assert.deepEqual(r.data!.antibodies, []);
    assert.equal(r.data!.ild, null);
    assert.equal(r.data!.deathCause, null);
  });
});

describe('patientSchema: required fields', () => {
  const cases: [field: string, message: string][] = [
    ['sex', 'Sex is required'],
    ['birthYear', 'Birth year is required'],
    ['jakiDrug', 'JAK inhibitor is required'],
    ['jakiDoseMgDay', 'JAK inhibitor dose is required'],
    ['jakiStartDate', 'JAK inhibitor start date is required'],
    ['siteId', 'Choose a site'],
    ['cohortId', 'Choose a cohort'],
    ['code', CODE_MESSAGE],
  ];
  for (const [field, message] of cases) {
    test(`${field} left blank gives "${message}"`, () => {
      assert.deepEqual(refused({ [field]: '' }), { [field]: [message] });
    });
  }
});

describe('patientSchema: patient code', () => {
  test('accepts pseudonyms of 2 to 40 letters, digits, - and _', () => {
    for (const code of ['AB', 'NRD-001', 'site_2-007', 'a1', 'X'.repeat(40)]) assert.equal(value({ code }).code, code);
  });

  test('trims surrounding spaces', () => {
    assert.equal(value({ code: '  NRD-001 ' }).code, 'NRD-001');
  });

  test('refuses codes that are too short, too long, start with - or _, or hold spaces or other characters', () => {
    for (const code of ['A', 'X'.repeat(41), '-AB', '_AB', 'NRD 001', 'Dupont, Marie', 'Élodie', 'NRD/001', 'NRD.001'])
      assert.deepEqual(refused({ code }), { code: [CODE_MESSAGE] }, code);
  });
});

describe('patientSchema: values', () => {
  test('birth year between 1900 and this year, whole', () => {
    const range = `Birth year must be between 1900 and ${THIS_YEAR}`;
    assert.deepEqual(refused({ birthYear: '1899' }), { birthYear: [range] });
    assert.deepEqual(refused({ birthYear: String(THIS_YEAR + 1), jakiStartDate: todayIso() }), { birthYear: [range] });
    assert.deepEqual(refused({ birthYear: '1970.5' }), { birthYear: ['Birth year must be a whole number'] });
    assert.deepEqual(refused({ birthYear: 'nineteen' }), { birthYear: ['Birth year must be a number'] });
    assert.equal(value({ birthYear: '1900', diagnosisDate: '', jakiStartDate: '2023-03-01' }).birthYear, 1900);
  });

  test('JAK inhibitor: a known drug and a dose from 0.1 to 100 mg/day', () => {
    assert.deepEqual(refused({ jakiDrug: 'aspirin' }), {
      jakiDrug: ['JAK inhibitor must be one of baricitinib, ruxolitinib, tofacitinib, upadacitinib, other'],
    });
    assert.deepEqual(refused({ jakiDoseMgDay: '0' }), { jakiDoseMgDay: ['JAK inhibitor dose must be between 0.1 and 100'] });
    assert.deepEqual(refused({ jakiDoseMgDay: '101' }), { jakiDoseMgDay: ['JAK inhibitor dose must be between 0.1 and 100'] });
    assert.equal(value({ jakiDrug: 'tofacitinib', jakiDoseMgDay: '11' }).jakiDoseMgDay, 11);
  });

  test('sex and subtype from their code lists', () => {
    assert.deepEqual(refused({ sex: 'X' }), { sex: ['Sex must be one of F, M'] });
    assert.deepEqual(refused({ dmSubtype: 'severe' }), { dmSubtype: ['DM subtype must be one of classic, amyopathic, hypomyopathic, juvenile_onset'] });
  });

  test('antibodies: known codes, duplicates dropped, "none" alone', () => {
    assert.deepEqual(value({ antibodies: ['mda5', 'mda5', 'tif1g'] }).antibodies, ['mda5', 'tif1g']);
    assert.deepEqual(value({ antibodies: ['none'] }).antibodies, ['none']);
    assert.deepEqual(refused({ antibodies: ['mda5', 'xyz'] }), { antibodies: ['Antibodies: unknown code xyz'] });
    assert.deepEqual(refused({ antibodies: ['none', 'mda5'] }), { antibodies: ['Antibodies: "None" cannot be combined with others'] });
  });

  test('previous treatments from their code list', () => {
    assert.deepEqual(refused({ previousTreatments: ['aspirin'] }), { previousTreatments: ['Previous treatments: unknown code aspirin'] });
  });

  test('interstitial lung disease is yes, no or not recorded', () => {
    assert.equal(value({ ild: 'yes' }).ild, true);
    assert.equal(value({ ild: '' }).ild, null);
    assert.deepEqual(refused({ ild: 'maybe' }), { ild: ['Interstitial lung disease must be yes or no'] });
  });

  test('cause of death at most 200 characters', () => {
    assert.deepEqual(refused({ deathDate: '2024-01-01', deathCause: 'x'.repeat(201) }), {
      deathCause: ['Cause of death must be at most 200 characters'],
    });
  });
});

describe('patientSchema: dates', () => {
  test('no date in the future', () => {
    const tomorrow = addDays(todayIso(), 1);
    assert.deepEqual(refused({ diagnosisDate: tomorrow }), { diagnosisDate: ['Diagnosis date cannot be in the future'] });
    assert.deepEqual(refused({ jakiStartDate: tomorrow }), { jakiStartDate: ['JAK inhibitor start date cannot be in the future'] });
    assert.deepEqual(refused({ deathDate: tomorrow }), { deathDate: ['Death date cannot be in the future'] });
  });

  test('real dates only', () => {
    assert.deepEqual(refused({ jakiStartDate: '2023-02-29' }), { jakiStartDate: ['JAK inhibitor start date must be a date (YYYY-MM-DD)'] });
  });

  test('no date before the birth year', () => {
    assert.deepEqual(refused({ diagnosisDate: '1969-12-31' }), { diagnosisDate: ['Diagnosis date cannot be before the birth year'] });
    assert.deepEqual(refused({ jakiStartDate: '1969-06-01' }), { jakiStartDate: ['JAK inhibitor start date cannot be before the birth year'] });
    assert.deepEqual(refused({ deathDate: '1969-06-01' }), { deathDate: ['Death date cannot be before the birth year'] });
    assert.equal(value({ diagnosisDate: '1970-01-01' }).diagnosisDate, '1970-01-01');
  });
});

describe('patientSchema: stopping the JAK inhibitor', () => {
  test('a stop with its date and reason is accepted', () => {
    const p = value({ jakiStopDate: '2023-09-01', jakiStopReason: 'adverse_event' });
    assert.equal(p.jakiStopDate, '2023-09-01');
    assert.equal(p.jakiStopReason, 'adverse_event');
  });

  test('a stop on the start day is accepted; a stop before the start is refused', () => {
    assert.equal(value({ jakiStopDate: '2023-03-01', jakiStopReason: 'patient_choice' }).jakiStopDate, '2023-03-01');
    assert.deepEqual(refused({ jakiStopDate: '2023-02-28', jakiStopReason: 'inefficacy' }), {
      jakiStopDate: ['JAK inhibitor stop date cannot be before its start (2023-03-01)'],
    });
  });

  test('a stop date needs a reason, and a reason needs a date', () => {
    assert.deepEqual(refused({ jakiStopDate: '2023-09-01' }), { jakiStopReason: ['Give the reason the JAK inhibitor was stopped'] });
    assert.deepEqual(refused({ jakiStopReason: 'relapse' }), { jakiStopDate: ['Give the date the JAK inhibitor was stopped'] });
  });

  test('the reason comes from the list', () => {
    assert.deepEqual(refused({ jakiStopDate: '2023-09-01', jakiStopReason: 'bored' }), {
      jakiStopReason: ['Stop reason must be one of adverse_event, inefficacy, relapse, death, patient_choice, other'],
    });
  });
});

describe('patientSchema: death', () => {
  test('a cause of death without its date is refused on the date', () => {
    assert.deepEqual(refused({ deathCause: 'Progressive interstitial lung disease' }), {
      deathDate: ['Give the death date with its cause'],
    });
  });

  test('a death date with or without a cause is accepted', () => {
    const p = value({ jakiStopDate: '2024-04-05', jakiStopReason: 'death', deathDate: '2024-04-15', deathCause: ' Progressive ILD ' });
    assert.equal(p.deathDate, '2024-04-15');
    assert.equal(p.deathCause, 'Progressive ILD');
    assert.equal(value({ deathDate: '2024-04-15' }).deathCause, null);
  });
});

describe('patientEditSchema', () => {
  const edit = (overrides: Record<string, unknown>) =>
    patientEditSchema.safeParse(form({ reason: 'Corrected the start date', version: '2', ...overrides }));

  test('an edit carries its reason and version', () => {
    const r = edit({});
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.equal(r.data!.reason, 'Corrected the start date');
    assert.equal(r.data!.version, 2);
  });

  test('an edit without a reason or a valid version is refused', () => {
    assert.deepEqual(messages(edit({ reason: '' })), { reason: ['Give a reason for the change (at least 3 characters)'] });
    assert.deepEqual(Object.keys(messages(edit({ version: '0' }))), ['version']);
  });

  test('an edit obeys the same date rules', () => {
    assert.deepEqual(messages(edit({ jakiStopDate: '2023-01-01', jakiStopReason: 'other' })), {
      jakiStopDate: ['JAK inhibitor stop date cannot be before its start (2023-03-01)'],
    });
    assert.deepEqual(messages(edit({ deathCause: 'Sepsis' })), { deathDate: ['Give the death date with its cause'] });
  });
});

describe('patientSchema: the order of a patient\'s dates (contract v2), named at the later one', () => {
  test('diagnosis ≤ JAKi start ≤ JAKi stop ≤ death; equal dates are fine', () => {
    assert.equal(value({ diagnosisDate: '2023-03-01' }).diagnosisDate, '2023-03-01');
    assert.deepEqual(refused({ diagnosisDate: '2023-03-02' }), { jakiStartDate: ['JAK inhibitor start date cannot be before the diagnosis (2023-03-02)'] });
    assert.deepEqual(refused({ deathDate: '2023-02-28' }), { deathDate: ['Death date cannot be before the JAK inhibitor start (2023-03-01)'] });
    assert.deepEqual(refused({ jakiStopDate: '2024-05-01', jakiStopReason: 'death', deathDate: '2024-04-30' }), {
      deathDate: ['Death date cannot be before the JAK inhibitor stop (2024-05-01)'],
    });
    assert.equal(value({ jakiStopDate: '2024-05-01', jakiStopReason: 'death', deathDate: '2024-05-01' }).deathDate, '2024-05-01');
  });

  test('the follow-up end lies from the JAKi start to the death', () => {
    assert.equal(value({ followUpEndDate: '2023-03-01' }).followUpEndDate, '2023-03-01');
    assert.deepEqual(refused({ followUpEndDate: '2023-02-01' }), { followUpEndDate: ['Follow-up end cannot be before the JAK inhibitor start (2023-03-01)'] });
    assert.deepEqual(refused({ deathDate: '2024-04-15', followUpEndDate: '2024-05-01' }), {
      followUpEndDate: ['Follow-up end cannot be after the death (2024-04-15): a death ends the follow-up'],
    });
    assert.equal(value({ deathDate: '2024-04-15', followUpEndDate: '2024-04-15' }).followUpEndDate, '2024-04-15');
    assert.deepEqual(refused({ followUpEndDate: 'soon' }), { followUpEndDate: ['Follow-up end date must be a date (YYYY-MM-DD)'] });
  });
});
