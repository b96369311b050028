import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adverseEventKey, checkImport, type SavedPatient } from './check';
import { formatProblem, sortProblems } from './problems';
import { readImport } from './read';
import { eventCells, files, patientCells, visitCells } from '@/test-support/interchange';

type Parts = Parameters<typeof files>[0];

function saved(overrides: Partial<SavedPatient> = {}): SavedPatient {
  return {
    code: 'PSL-009',
    siteCode: 'NORD',
    voided: false,
    jakiStartDate: '2024-01-10',
    jakiStopDate: null,
    deathDate: null,
    followUpEndDate: null,
    visits: [{ visitDate: '2024-01-05', visitType: 'baseline' }],
    adverseEvents: new Set([adverseEventKey({ onsetDate: '2024-03-01', term: 'Herpes zoster, thoracic', category: 'herpes_zoster' })]),
    relapses: [],
    ...overrides,
  };
}

function problems(parts: Parts, { existing = [] as SavedPatient[], sites = null as string[] | null } = {}): string[] {
  const read = readImport(files(parts));
  const ctx = { saved: new Map(existing.map((p) => [p.code, p])), allowedSites: sites ? new Set(sites) : null };
  return sortProblems([...read.problems, ...checkImport(read, ctx)]).map(formatProblem);
}

const follow = (date: string, fields: Record<string, string> = {}) => visitCells({ visit_date: date, visit_type: 'follow_up', ...fields });

describe('patients across the import and the database', () => {
  test('a patient code twice in patients.csv is refused on the second line', () => {
    assert.deepEqual(problems({ patients: [patientCells(), patientCells({ sex: 'M' })] }), ['patients.csv:3: patient_code: PSL-001 appears twice (also on line 2)']);
  });

  test('a patient already in the database is refused as a re-import', () => {
    assert.deepEqual(problems({ patients: [patientCells({ patient_code: 'PSL-009' })], visits: [], events: [] }, { existing: [saved()] }), [
      'patients.csv:2: patient_code: PSL-009 already exists',
    ]);
  });

  test('files whose every patient the database holds are named as imported already, above each line', () => {
    const existing = [saved(), { ...saved(), code: 'PSL-010' }];
    const twice = { patients: [patientCells({ patient_code: 'PSL-009' }), patientCells({ patient_code: 'PSL-010' })], visits: [], events: [] };
    assert.deepEqual(problems(twice, { existing }), [
      'patients.csv:1: patient_code: all 2 patients of the file already exist: were these files imported already?',
      'patients.csv:2: patient_code: PSL-009 already exists',
      'patients.csv:3: patient_code: PSL-010 already exists',
    ]);
    // One new patient among them: the lines say which already exist, and no more.
    const mixed = { ...twice, patients: [...twice.patients, patientCells({ patient_code: 'PSL-011' })] };
    assert.equal(problems(mixed, { existing }).filter((p) => p.includes('imported already')).length, 0);
  });

  test('a visit or an event naming no known patient is refused', () => {
    assert.deepEqual(problems({ visits: [visitCells(), visitCells({ patient_code: 'PSL-404' })], events: [eventCells({ patient_code: 'PSL-404' })] }), [
      'visits.csv:3: patient_code: PSL-404 is neither in patients.csv nor in the database',
      'adverse_events.csv:2: patient_code: PSL-404 is neither in patients.csv nor in the database',
    ]);
  });

  test('visits and events may name a patient of the database, and keep to its visits', () => {
    const parts = {
      patients: [],
      visits: [follow('2024-04-10', { patient_code: 'PSL-009' })],
      events: [eventCells({ patient_code: 'PSL-009', onset_date: '2024-05-01', end_date: '', outcome: 'recovering' })],
    };
    assert.deepEqual(problems(parts, { existing: [saved()] }), []);
    assert.deepEqual(problems({ ...parts, visits: [visitCells({ patient_code: 'PSL-009', visit_date: '2024-01-06' })] }, { existing: [saved()] }), [
      'visits.csv:2: visit_type: This patient already has a baseline visit (2024-01-05, in the database)',
    ]);
  });

  test('a voided patient cannot be given records', () => {
    assert.deepEqual(problems({ patients: [], visits: [follow('2024-04-10', { patient_code: 'PSL-009' })], events: [] }, { existing: [saved({ voided: true })] }), [
      'visits.csv:2: patient_code: PSL-009 has been voided',
    ]);
  });

  test("a caller limited to some sites may import only their sites' patients", () => {
    assert.deepEqual(problems({ patients: [patientCells(), patientCells({ patient_code: 'PSL-002', site: 'SUD' })], visits: [], events: [] }, { sites: ['NORD'] }), [
      'patients.csv:3: site: you cannot import patients of site SUD (only an admin can import a site you are not given)',
    ]);
    assert.deepEqual(problems({ patients: [], visits: [follow('2024-04-10', { patient_code: 'PSL-009' })], events: [] }, { existing: [saved({ siteCode: 'SUD' })], sites: ['NORD'] }), [
      "visits.csv:2: patient_code: PSL-009 is neither in patients.csv nor among your sites' patients",
    ]);
    // Another site's voided patient answers the same: its state does not show either.
    assert.deepEqual(problems({ patients: [], visits: [follow('2024-04-10', { patient_code: 'PSL-009' })], events: [] }, { existing: [saved({ siteCode: 'SUD', voided: true })], sites: ['NORD'] }), [
      "visits.csv:2: patient_code: PSL-009 is neither in patients.csv nor among your sites' patients",
    ]);
  });

  test('files that could not be read whole are not checked against each other', () => {
    const f = files({ visits: [visitCells({ patient_code: 'PSL-404' })] });
    const read = readImport({ ...f, patients: f.patients.replace('PSL-001,', 'PSL-001,"') });
    assert.equal(read.complete, false);
    assert.deepEqual(checkImport(read, { saved: new Map(), allowedSites: null }), []);
  });
});

describe('visit placement', () => {
  test('exactly one baseline: a second one is refused, naming the first', () => {
    assert.deepEqual(problems({ visits: [visitCells(), visitCells({ visit_date: '2024-01-20' })] }), [
      'visits.csv:3: visit_type: This patient already has a baseline visit (2024-01-05, line 2)',
    ]);
  });

  test('follow-ups without a baseline are refused once, on the first of them', () => {
    assert.deepEqual(problems({ visits: [follow('2024-04-10'), follow('2024-07-10')] }), [
      'visits.csv:2: visit_type: This patient has no baseline visit: enter the baseline before any follow-up',
    ]);
  });

  test('a patient without any visit is accepted', () => {
    assert.deepEqual(problems({ visits: [], events: [] }), []);
  });

  test('follow-ups must come after the baseline and not before the JAK inhibitor start, whatever the line order', () => {
    assert.deepEqual(problems({ visits: [follow('2024-01-03'), follow('2024-01-07'), visitCells(), follow('2024-04-10')] }), [
      'visits.csv:2: visit_date: A follow-up must be dated after the baseline (2024-01-05, line 4)',
      'visits.csv:3: visit_date: A follow-up cannot be before the JAK inhibitor start (2024-01-10)',
    ]);
  });

  test('two visits of a patient on one day are refused; one already in the database is named so', () => {
    assert.deepEqual(problems({ visits: [visitCells(), follow('2024-04-10'), follow('2024-04-10', { mmt8: '130' })] }), [
      'visits.csv:4: visit_date: There is already a visit on 2024-04-10 (line 3)',
    ]);
    const existing = [saved({ visits: [{ visitDate: '2024-01-05', visitType: 'baseline' }, { visitDate: '2024-04-10', visitType: 'follow_up' }] })];
    assert.deepEqual(problems({ patients: [], visits: [follow('2024-04-10', { patient_code: 'PSL-009' })], events: [] }, { existing }), [
      'visits.csv:2: visit_date: There is already a visit on 2024-04-10 (in the database)',
    ]);
  });

  test('a new baseline must come before the follow-ups the database holds', () => {
    const existing = [saved({ visits: [{ visitDate: '2024-04-10', visitType: 'follow_up' }] })];
    assert.deepEqual(problems({ patients: [], visits: [visitCells({ patient_code: 'PSL-009', visit_date: '2024-05-01' })], events: [] }, { existing }), [
      'visits.csv:2: visit_date: The baseline must be before every follow-up (there is one on 2024-04-10, in the database)',
    ]);
  });
});

describe('adverse events across files', () => {
  test('an event the database holds already exists; the same event twice in the file is refused', () => {
    const later = { patient_code: 'PSL-009', onset_date: '2024-06-01', end_date: '2024-06-15' };
    const events = [eventCells({ patient_code: 'PSL-009' }), eventCells(later), eventCells({ ...later, ctcae_grade: '3' })];
    assert.deepEqual(problems({ patients: [], visits: [], events }, { existing: [saved()] }), [
      'adverse_events.csv:2: term: this adverse event (PSL-009, herpes_zoster, onset 2024-03-01) already exists',
      'adverse_events.csv:4: term: the same adverse event (PSL-009, herpes_zoster, onset 2024-06-01) is also on line 3',
    ]);
  });

  test("a grade 5 event needs the patient's death date, and no event starts after the death", () => {
    const fatal = { ctcae_grade: '5', outcome: 'fatal', serious: 'yes', category: 'death', term: 'Respiratory failure' };
    assert.deepEqual(problems({ events: [eventCells(fatal)] }), ["adverse_events.csv:2: ctcae_grade: A grade 5 event is a death, but the patient's death date is not recorded"]);
    const dead = patientCells({ death_date: '2024-03-10', death_cause: 'Respiratory failure' });
    assert.deepEqual(problems({ patients: [dead], visits: [visitCells()], events: [eventCells(fatal), eventCells({ onset_date: '2024-03-11', end_date: '2024-03-12' })] }), [
      'adverse_events.csv:3: onset_date: Onset cannot be after 2024-03-10: the patient died on 2024-03-10',
    ]);
  });
});
