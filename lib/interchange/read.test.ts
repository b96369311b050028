import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, todayIso } from '@/lib/dates';
import { escapeFormula, formatNumber, unescapeFormula } from './cells';
import { formatProblem, sortProblems } from './problems';
import { readImport, readVisitBatches } from './read';
import { eventCells, files, patientCells, visitCells } from '@/test-support/interchange';

type Parts = Parameters<typeof files>[0];

function problems(parts: Parts): string[] {
  return sortProblems(readImport(files(parts)).problems).map(formatProblem);
}

const baseline = visitCells();
const followUp = (fields: Record<string, string>) => visitCells({ visit_date: '2024-04-10', visit_type: 'follow_up', ...fields });

describe('cells', () => {
  test('a number out of range is refused with its line, column and the bound', () => {
    assert.deepEqual(problems({ visits: [baseline, followUp({ cdasi_activity: '140' })] }), [
      'visits.csv:3: cdasi_activity: 140 is above the maximum of 100',
    ]);
    assert.deepEqual(problems({ visits: [visitCells({ haq: '3.5', prednisone_mg_day: '-1', cdasi_damage: '33' })] }), [
      'visits.csv:2: cdasi_damage: 33 is above the maximum of 32',
      'visits.csv:2: prednisone_mg_day: -1 is below the minimum of 0',
      'visits.csv:2: haq: 3.5 is above the maximum of 3',
    ]);
    assert.deepEqual(problems({ visits: [visitCells({ physician_global: '10.5', ck_u_l: '-3' })] }), [
      'visits.csv:2: physician_global: 10.5 is above the maximum of 10',
      'visits.csv:2: ck_u_l: -3 is below the minimum of 0',
    ]);
  });

  test('what is not a number is refused; a decimal comma is named', () => {
    assert.deepEqual(problems({ visits: [visitCells({ mmt8: 'high', prednisone_mg_day: '7,5', haq: '1.2.3', ck_u_l: '1e3' })] }), [
      'visits.csv:2: mmt8: "high" is not a number',
      'visits.csv:2: prednisone_mg_day: "7,5" is not a number (use a decimal point)',
      'visits.csv:2: haq: "1.2.3" is not a number',
      'visits.csv:2: ck_u_l: "1e3" is not a number',
    ]);
  });

  test('integers are required where the app stores integers', () => {
    assert.deepEqual(problems({ visits: [visitCells({ cdasi_activity: '12.5', mmt8: '120.0' })], events: [eventCells({ ctcae_grade: '2.5' })] }), [
      'visits.csv:2: cdasi_activity: 12.5 is not a whole number',
      'adverse_events.csv:2: ctcae_grade: 2.5 is not a whole number',
    ]);
    assert.deepEqual(problems({ patients: [patientCells({ birth_year: '68' })] }), ['patients.csv:2: birth_year: 68 is below the minimum of 1900']);
  });

  test('dates must be real ISO dates, and never in the future', () => {
    const tomorrow = addDays(todayIso(), 1);
    assert.deepEqual(problems({ patients: [patientCells({ diagnosis_date: '01/06/2019', jaki_start_date: '2024-02-30' })] }), [
      'patients.csv:2: diagnosis_date: "01/06/2019" is not a date (YYYY-MM-DD)',
      'patients.csv:2: jaki_start_date: "2024-02-30" is not a date (YYYY-MM-DD)',
    ]);
    assert.deepEqual(problems({ visits: [baseline, followUp({ visit_date: tomorrow })] }), [`visits.csv:3: visit_date: ${tomorrow} is in the future`]);
  });

  test('unknown codes are refused, listing the known ones; antibodies are read in any case', () => {
    assert.deepEqual(problems({ patients: [patientCells({ jaki_drug: 'Baricitinib', sex: 'f', antibodies: 'TIF1G;Mda5' })] }), [
      'patients.csv:2: sex: "f" is not one of F, M',
      'patients.csv:2: jaki_drug: "Baricitinib" is not one of baricitinib, ruxolitinib, tofacitinib, upadacitinib, other',
    ]);
    const read = readImport(files({ patients: [patientCells({ antibodies: 'MDA5; tif1g;mda5' })] }));
    assert.deepEqual(read.patients[0]!.value.antibodies, ['tif1g', 'mda5']);
    assert.deepEqual(problems({ patients: [patientCells({ previous_treatments: 'methotrexate;steroids' })] }), [
      'patients.csv:2: previous_treatments: "steroids" is not one of hydroxychloroquine, methotrexate, mycophenolate, azathioprine, ivig, rituximab, cyclophosphamide, calcineurin_inhibitor, other',
    ]);
  });

  test('booleans are yes or no', () => {
    assert.deepEqual(problems({ visits: [visitCells({ active_cutaneous: 'true', active_muscle: 'Yes' })], events: [eventCells({ serious: 'y' })] }), [
      'visits.csv:2: active_cutaneous: "true" is not yes or no',
      'visits.csv:2: active_muscle: "Yes" is not yes or no',
      'adverse_events.csv:2: serious: "y" is not yes or no',
    ]);
  });

  test('free text over 200 characters and codes over 40 are refused', () => {
    const code = 'S'.repeat(41);
    assert.deepEqual(problems({ events: [eventCells({ term: 'x'.repeat(201) })], patients: [patientCells({ site: code })] }), [
      `patients.csv:2: site: "${'S'.repeat(40)}…" is 41 characters long, the maximum for a code is 40`,
      'adverse_events.csv:2: term: is 201 characters long, the maximum is 200',
    ]);
    assert.deepEqual(problems({ events: [eventCells({ term: 'x'.repeat(200) })] }), []);
  });

  test('required cells must not be empty; a patient code must be a pseudonym', () => {
    assert.deepEqual(problems({ patients: [patientCells({ patient_code: 'Jane Doe', jaki_start_date: ' ' })] }), [
      'patients.csv:2: patient_code: "Jane Doe" is not a valid patient code (2 to 40 letters, digits, - or _, starting with a letter or digit)',
      'patients.csv:2: jaki_start_date: required, but empty',
    ]);
  });

  test("the patient form's rules between fields apply, on the field's column", () => {
    assert.deepEqual(problems({ patients: [patientCells({ jaki_stop_date: '2023-12-01', jaki_stop_reason: 'inefficacy', antibodies: 'none;mda5' })] }), [
      'patients.csv:2: antibodies: Antibodies: "None" cannot be combined with others',
      'patients.csv:2: jaki_stop_date: JAK inhibitor stop date cannot be before its start (2024-01-10)',
    ]);
    assert.deepEqual(problems({ patients: [patientCells({ death_cause: 'ILD' })] }), ['patients.csv:2: death_date: Give the death date with its cause']);
  });

  test("the adverse-event form's rules between fields apply as far as the CSV holds them", () => {
    assert.deepEqual(
      problems({
        events: [
          eventCells({ end_date: '2024-02-01' }),
          eventCells({ onset_date: '2024-03-02', end_date: '', outcome: 'recovered' }),
          eventCells({ onset_date: '2024-03-03', ctcae_grade: '5', outcome: 'recovering', serious: 'no' }),
          eventCells({ onset_date: '2024-03-04', ctcae_grade: '4', outcome: 'fatal' }),
          eventCells({ onset_date: '2024-03-05', end_date: '', outcome: 'not_recovered' }),
        ],
      }),
      [
        'adverse_events.csv:2: end_date: End date cannot be before the onset date (2024-03-01)',
        'adverse_events.csv:3: end_date: End date is required, as the outcome is recovered (an event without an end date is ongoing)',
        'adverse_events.csv:4: serious: A CTCAE grade 5 event is serious (a death)',
        'adverse_events.csv:4: outcome: Outcome must be fatal for a CTCAE grade 5 event (grade 5 is death)',
        'adverse_events.csv:5: ctcae_grade: CTCAE grade must be 5 for an event that results in death',
      ],
    );
  });
});

describe('formula cells', () => {
  test('a text starting with = + - or @ is read without the one apostrophe the exporter put before it', () => {
    const read = readImport(files({ events: [eventCells({ term: "'=HYPERLINK(1)" }), eventCells({ onset_date: '2024-03-02', term: "'-10% neutrophils" })] }));
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.adverseEvents.map((e) => e.value.term), ['=HYPERLINK(1)', '-10% neutrophils']);
  });

  test('other apostrophes are kept', () => {
    const read = readImport(files({ events: [eventCells({ term: "'Shingles' again" })] }));
    assert.equal(read.adverseEvents[0]!.value.term, "'Shingles' again");
  });

  test('escaping and unescaping give back every text, including ones that start with apostrophes', () => {
    for (const text of ['=1+1', '+33 6', '-', '@SUM', "'=x", "''+y", "'plain", 'plain', '', "''", 'a=b'])
      assert.equal(unescapeFormula(escapeFormula(text)), text, text);
    assert.equal(escapeFormula('=1+1'), "'=1+1");
    assert.equal(escapeFormula("'=x"), "''=x");
    assert.equal(escapeFormula("'plain"), "'plain");
  });
});

describe('formatNumber', () => {
  test('writes the shortest decimal that reads back the same, never an exponent', () => {
    assert.equal(formatNumber(7.5), '7.5');
    assert.equal(formatNumber(120), '120');
    assert.equal(formatNumber(0.1), '0.1');
    assert.equal(formatNumber(1e-7), '0.0000001');
    assert.equal(formatNumber(1.5e-7), '0.00000015');
    assert.equal(formatNumber(1e21), '1000000000000000000000');
    for (const n of [1e-7, 1.5e-7, 1.234e-10, 2.5e22]) assert.equal(Number(formatNumber(n)), n);
  });
});

describe('bytes', () => {
  test('files given as UTF-8 bytes (a byte-order mark and all) read as their text does', async () => {
    const texts = files({ visits: [baseline, followUp({ cdasi_activity: '140' })] });
    const bytes = Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf8'))])) as Record<keyof typeof texts, Uint8Array>;
    const fromText = readImport(texts);
    const fromBytes = readImport(bytes);
    assert.deepEqual(fromBytes, fromText);
    assert.deepEqual(fromBytes.problems.map(formatProblem), ['visits.csv:3: cdasi_activity: 140 is above the maximum of 100']);
    const batches = async (content: string | Uint8Array) => {
      const outcome = { problems: [], complete: true };
      const read = [];
      for await (const batch of readVisitBatches(content, outcome)) read.push(batch);
      return { read, outcome };
    };
    assert.deepEqual(await batches(bytes.visits), await batches(texts.visits));
    assert.deepEqual((await batches(bytes.visits)).read[0]!.problems.map(formatProblem), ['visits.csv:3: cdasi_activity: 140 is above the maximum of 100']);
  });
});
