import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImport } from './check';
import { formatProblem, sortProblems } from './problems';
import { readImport, type InterchangeFiles } from './read';
import { EVENT_HEADER, PATIENT_HEADER, VISIT_HEADER, csv, eventCells, files, patientCells, visitCells } from '@/test-support/interchange';

/** Every problem of an import into an empty database, as the importer prints them. */
function problems(f: InterchangeFiles): string[] {
  const read = readImport(f);
  return sortProblems([...read.problems, ...checkImport(read, { saved: new Map(), allowedSites: null })]).map(formatProblem);
}

describe('reading the CSV files', () => {
  test('a valid set of files has no problem, and yields typed records', () => {
    const read = readImport(files());
    assert.deepEqual(read.problems, []);
    assert.equal(read.patients.length, 1);
    assert.deepEqual(read.patients[0]!.value.previousTreatments, ['hydroxychloroquine', 'methotrexate']);
    assert.equal(read.visits[1]!.value.cdasiActivity, 14);
    assert.equal(read.visits[0]!.value.haq, 1.25);
    assert.equal(read.adverseEvents[0]!.value.serious, false);
    assert.deepEqual(read.visits.map((v) => v.line), [2, 3]);
  });

  test('a byte-order mark and CRLF line ends are accepted', () => {
    const f = files();
    const withBom = { ...f, patients: `\ufeff${f.patients.replaceAll('\n', '\r\n')}`, visits: f.visits.replaceAll('\n', '\r\n') };
    const read = readImport(withBom);
    assert.deepEqual(read.problems, []);
    assert.equal(read.patients[0]!.value.code, 'PSL-001');
    assert.deepEqual(read.visits.map((v) => v.line), [2, 3]);
  });

  test('columns may come in any order, a missing last line end is fine', () => {
    const header = [...VISIT_HEADER].reverse();
    const text = csv(header, [visitCells()]).trimEnd();
    const read = readImport({ ...files(), visits: text });
    assert.deepEqual(read.problems, []);
    assert.equal(read.visits[0]!.value.mmt8, 120);
  });

  test('an unknown column refuses the file at its header, naming it, and a misspelt one names the column meant', () => {
    const misspelt = csv(VISIT_HEADER.map((h) => (h === 'cdasi_activity' ? 'CDASI_Activty' : h)), [visitCells()]);
    assert.deepEqual(problems({ ...files(), visits: misspelt }), [
      'visits.csv:1: cdasi_activty: "CDASI_Activty" (column 4) is not a column of visits.csv: did you mean cdasi_activity? (nothing is imported while a column is unknown)',
    ]);
    const extra = csv(['comment', ...VISIT_HEADER], [{ ...visitCells(), comment: 'seen at home' }]);
    assert.deepEqual(problems({ ...files(), visits: extra }), [
      'visits.csv:1: comment: "comment" (column 1) is not a column of visits.csv (nothing is imported while a column is unknown)',
    ]);
  });

  test("another file's header is named as the likely mistake, above its column problems", () => {
    const f = files();
    const swapped = problems({ ...f, patients: f.visits, visits: f.patients });
    assert.equal(swapped[0], 'patients.csv:1: file: its header is that of visits.csv: was visits.csv chosen in place of patients.csv?');
    assert.ok(swapped.includes('visits.csv:1: file: its header is that of patients.csv: was patients.csv chosen in place of visits.csv?'));
    assert.ok(swapped.some((p) => p.startsWith('patients.csv:1: visit_date: "visit_date"')), 'each column is still named');
    // Two unknown columns of a file's own are no other file's header.
    const extra = csv(['comment', 'notes', ...VISIT_HEADER], [{ ...visitCells(), comment: 'a', notes: 'b' }]);
    assert.ok(!problems({ ...f, visits: extra }).some((p) => p.includes('its header is that of')));
  });

  test('a value under a column without a header is refused at its line; empty trailing columns are fine', () => {
    const [header, row] = files().visits.split('\n');
    assert.deepEqual(problems({ ...files(), visits: `${header},\n${row},\n` }), []);
    assert.deepEqual(problems({ ...files(), visits: `${header},\n${row},lost\n` }), ['visits.csv:2: row: column 30 holds "lost" but has no header']);
  });

  test('lines are physical lines: a quoted cell over several lines (LF or CRLF) and blank lines count', () => {
    const patients = csv(PATIENT_HEADER, [
      patientCells({ patient_code: 'PSL-001', death_cause: '' }),
      patientCells({ patient_code: 'PSL-002', death_date: '2024-06-01', death_cause: 'progressive ILD,\r\nrespiratory failure' }),
    ]);
    const visits = `${VISIT_HEADER.join(',')}\r\n\r\n${csv(VISIT_HEADER, [visitCells({ patient_code: 'PSL-001' }), visitCells({ patient_code: 'PSL-002', mmt8: '151' })], '\r\n').split('\r\n').slice(1).join('\r\n')}`;
    const events = csv(EVENT_HEADER, [
      eventCells({ term: 'Line one\nline two\nline three' }),
      eventCells({ onset_date: '2024-04-01', term: 'Neutropenia', category: 'cytopenie', end_date: '2024-04-09' }),
    ]);
    assert.deepEqual(problems({ patients, visits, adverseEvents: events, relapses: '' }), [
      'visits.csv:4: mmt8: 151 is above the maximum of 150',
      'adverse_events.csv:5: category: "cytopenie" is not one of serious_infection, opportunistic_infection, herpes_zoster, tuberculosis, malignancy, nmsc, mace, thromboembolic, arterial_thrombosis, cytopenia, febrile_neutropenia, gi_perforation, lab_abnormality, death, other',
    ]);
    assert.equal(readImport({ patients, visits: '', adverseEvents: '', relapses: '' }).patients[1]!.value.deathCause, 'progressive ILD,\r\nrespiratory failure');
  });

  test('a semicolon-separated file is refused at its header, naming the separator', () => {
    const text = files().patients.replaceAll(',', ';');
    assert.deepEqual(problems({ ...files(), patients: text }), [
      'patients.csv:1: patient_code: column not found: the header is separated by ";", the file must be comma-separated',
    ]);
  });

  test('a tab-separated file is refused the same way', () => {
    const text = files().visits.replaceAll(',', '\t');
    assert.deepEqual(problems({ ...files(), visits: text }), [
      'visits.csv:1: patient_code: column not found: the header is separated by tab, the file must be comma-separated',
    ]);
  });

  test('a missing required column is refused at line 1, each one named; a missing optional one is fine', () => {
    const header = VISIT_HEADER.filter((h) => h !== 'visit_date' && h !== 'visit_type' && h !== 'cdasi_activity');
    assert.deepEqual(problems({ ...files(), visits: csv(header, [visitCells()]) }), [
      'visits.csv:1: visit_date: required column is missing',
      'visits.csv:1: visit_type: required column is missing',
    ]);
  });

  test('a duplicated column is refused at line 1, with both positions', () => {
    const header = [...EVENT_HEADER, 'term'];
    assert.deepEqual(problems({ ...files(), adverseEvents: csv(header, [eventCells()]) }), [
      'adverse_events.csv:1: term: the column appears twice (columns 3 and 11)',
    ]);
  });

  test('a row with too few or too many cells is refused at its line', () => {
    const [header, row] = files().visits.split('\n');
    const text = `${header}\n${row}\n${row!.split(',').slice(0, 5).join(',')}\n${row},extra\n${row},,\n`;
    assert.deepEqual(problems({ ...files(), visits: text }), [
      `visits.csv:3: ${VISIT_HEADER[5]}: the row has 5 cells, the header has ${VISIT_HEADER.length}`,
      `visits.csv:4: row: the row has ${VISIT_HEADER.length + 1} cells, the header has ${VISIT_HEADER.length}`,
    ]);
  });

  test('broken quoting is refused at the line where the broken record starts', () => {
    const [header, row] = files().adverseEvents.split('\n');
    const unclosed = `${header}\n${row}\nPSL-001,2024-05-01,"Zoster,other,2,no,,,,\nPSL-001,2024-06-01,Rash,other,1,no,,,,\n`;
    assert.deepEqual(problems({ ...files(), adverseEvents: unclosed }), [
      'adverse_events.csv:3: term: a quoted cell is never closed (a " is missing)',
    ]);
    const after = `${header}\n${row}\nPSL-001,2024-05-01,"Zoster" left,other,2,no,,,,\n`;
    assert.deepEqual(problems({ ...files(), adverseEvents: after }), [
      'adverse_events.csv:3: term: a quoted cell goes on after its closing " (double a " inside a quoted cell)',
    ]);
    const stray = `${header}\n${row}\n\nPSL-001,2024-05-01,Zoster "ophthalmic",other,2,no,,,,\n`;
    assert.deepEqual(problems({ ...files(), adverseEvents: stray }), [
      'adverse_events.csv:4: term: a " inside a cell that does not start with one (quote the whole cell and double the " inside)',
    ]);
  });

  test('an empty file, or a header alone, holds no rows', () => {
    for (const text of ['', '\ufeff', '\n', `${VISIT_HEADER.join(',')}\n`]) {
      const read = readImport({ ...files({ visits: [] }), visits: text });
      assert.deepEqual(read.problems, [], JSON.stringify(text));
      assert.equal(read.visits.length, 0);
    }
  });

  test('a row of empty cells is skipped as a blank line', () => {
    const text = `${files().visits},,,,,,,,,,,,,,,\n`;
    assert.deepEqual(problems({ ...files(), visits: text }), []);
    assert.equal(readImport({ ...files(), visits: text }).visits.length, 2);
  });
});
