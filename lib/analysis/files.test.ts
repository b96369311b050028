import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '@/lib/cohort/windows';
import { VISIT_FIELDS, emptyMeasures, type VisitField, type VisitMeasures } from '@/lib/visits/fields';
import type { AnalysisPatient, AnalysisVisit } from './columns';
import { analysisFiles, analysisTables, ANALYSIS_FILES, DICTIONARY_COLUMNS } from './files';

// The analysis files of a small cohort worked out by hand. Both patients start the JAK
// inhibitor on 2024-01-01 (day 0).
//   A-001: baseline 2023-12-20 (day -12); follow-ups 2024-03-22 (day 81), 2024-04-11 (day 101),
//          2024-07-19 (day 200), 2025-02-04 (day 400). Month 3 (closest to 91 in 46–136): days
//          81 and 101 are both 10 away, the earlier wins: day 81. Month 6 (closest to 182 in
//          137–227): day 200. Final (last follow-up from day 46): day 400.
//   B-002: baseline 2024-01-01 (day 0), one follow-up 2024-01-31 (day 30): no month 3, no
//          month 6, and no final (day 30 is before day 46).

function visit(visitDate: string, visitType: AnalysisVisit['visitType'], measures: Partial<VisitMeasures> = {}): AnalysisVisit {
  return { ...emptyMeasures(), visitDate, visitType, ...measures };
}

const A001: AnalysisPatient = {
  code: 'A-001', site: 'NORD', sex: 'F', birthYear: 1968, diagnosisDate: '2020-05-01', dmSubtype: 'classic', antibodies: ['tif1g', 'mda5'],
  previousTreatments: ['methotrexate'], ild: false, jakiDrug: 'baricitinib', jakiDoseMgDay: 4, jakiStartDate: '2024-01-01', jakiStopDate: null,
  jakiStopReason: null, deathDate: null, deathCause: null, followUpEndDate: null,
  // Out of date order, as a database may hand them back.
  visits: [
    visit('2024-07-19', 'follow_up', { cdasiActivity: 12, prednisoneMgDay: 5, ivig: 'stopped' }),
    visit('2023-12-20', 'baseline', { cdasiActivity: 30, mmt8: 120, prednisoneMgDay: 20, ivig: 'ongoing', ivigDoseGKg: 2, activeCutaneous: true }),
    visit('2024-03-22', 'follow_up', { cdasiActivity: 20, prednisoneMgDay: 12.5 }),
    visit('2024-04-11', 'follow_up', { cdasiActivity: 18 }),
    visit('2025-02-04', 'follow_up', { cdasiActivity: 8, mmt8: 140, steroidDrug: 'methylprednisolone', steroidMgDay: 4, prednisoneMgDay: 5 }),
  ],
};
const B002: AnalysisPatient = {
  code: 'B-002', site: 'SUD', sex: 'M', birthYear: 1975, diagnosisDate: null, dmSubtype: null, antibodies: [], previousTreatments: [], ild: null,
  jakiDrug: 'tofacitinib', jakiDoseMgDay: 11, jakiStartDate: '2024-01-01', jakiStopDate: '2024-02-15', jakiStopReason: 'adverse_event',
  deathDate: null, deathCause: '=HYPERLINK("x")', followUpEndDate: '2024-03-01',
  visits: [visit('2024-01-31', 'follow_up', { cdasiActivity: 25 }), visit('2024-01-01', 'baseline', { cdasiActivity: 26, activeMuscle: false })],
};

const input = { cohort: 'T-1', today: '2026-12-02', settings: DEFAULT_REPORT_SETTINGS, patients: [B002, A001] };
const files = analysisFiles(input);

type Row = Record<string, string>;
const read = (text: string): Row[] => parse(text, { columns: true }) as Row[];
const header = (text: string): string[] => text.slice(0, text.indexOf('\n')).split(',');

test('the package holds the five files', () => {
  assert.deepEqual(Object.keys(files).sort(), [...ANALYSIS_FILES].sort());
});

test('a hand-worked wide row: the report’s windows choose the visits, a tie going to the earlier one', () => {
  const [a, b] = read(files['wide.csv']);
  assert.equal(a?.patient_code, 'A-001');
  const pick = (row: Row, names: string[]) => names.map((n) => row[n]);
  assert.deepEqual(pick(a!, ['visit_date_baseline', 'day_baseline', 'cdasi_activity_baseline', 'mmt8_baseline', 'prednisone_mg_day_baseline', 'ivig_baseline', 'ivig_dose_g_kg_baseline', 'active_cutaneous_baseline']), [
    '2023-12-20', '-12', '30', '120', '20', 'ongoing', '2', '1',
  ]);
  assert.deepEqual(pick(a!, ['visit_date_m3', 'day_m3', 'cdasi_activity_m3', 'prednisone_mg_day_m3']), ['2024-03-22', '81', '20', '12.5']);
  assert.deepEqual(pick(a!, ['visit_date_m6', 'day_m6', 'cdasi_activity_m6', 'ivig_m6']), ['2024-07-19', '200', '12', 'stopped']);
  assert.deepEqual(pick(a!, ['visit_date_final', 'day_final', 'cdasi_activity_final', 'mmt8_final', 'steroid_drug_final', 'steroid_mg_day_final', 'prednisone_mg_day_final']), [
    '2025-02-04', '400', '8', '140', 'methylprednisolone', '4', '5',
  ]);
  // Patient columns: lists as one 1/0 column per code; yes/no as 1/0.
  assert.deepEqual(pick(a!, ['sex', 'birth_year', 'antibody_tif1g', 'antibody_mda5', 'antibody_mi2', 'antibody_none', 'previous_methotrexate', 'previous_ivig', 'ild', 'jaki_drug', 'jaki_dose_mg_day']), [
    'F', '1968', '1', '1', '0', '0', '1', '0', '0', 'baricitinib', '4',
  ]);

  assert.equal(b?.patient_code, 'B-002');
  assert.deepEqual(pick(b!, ['visit_date_baseline', 'day_baseline', 'cdasi_activity_baseline', 'active_muscle_baseline']), ['2024-01-01', '0', '26', '0']);
  for (const tp of ['m3', 'm6', 'final']) assert.deepEqual(pick(b!, [`visit_date_${tp}`, `day_${tp}`, `cdasi_activity_${tp}`]), ['', '', ''], tp);
  // An empty list is "not recorded": its columns are empty, not 0.
  assert.deepEqual(pick(b!, ['antibody_none', 'antibody_mi2', 'previous_other', 'ild', 'dm_subtype']), ['', '', '', '', '']);
  assert.deepEqual(pick(b!, ['jaki_stop_date', 'jaki_stop_reason', 'follow_up_end_date']), ['2024-02-15', 'adverse_event', '2024-03-01']);
  // Free text that a spreadsheet would run as a formula is escaped, as in the other exports.
  assert.equal(b?.death_cause, `'=HYPERLINK("x")`);
});

test('the cohort’s own windows choose the wide row’s visits, and the labels say which', () => {
  const settings: ReportSettings = { ...DEFAULT_REPORT_SETTINGS, windows: { m3: { target: 100, from: 60, to: 120 }, m6: { target: 182, from: 150, to: 190 } }, finalMinDay: 20 };
  const own = analysisFiles({ ...input, settings });
  const [a, b] = read(own['wide.csv']);
  assert.deepEqual([a?.day_m3, a?.cdasi_activity_m3, a?.day_m6, a?.day_final], ['101', '18', '', '400']);
  assert.deepEqual([b?.day_final, b?.cdasi_activity_final], ['30', '25']);
  const labels = new Map(read(own['dictionary.csv']).map((r) => [`${r.file}:${r.column}`, r.label]));
  assert.equal(labels.get('wide.csv:visit_date_m3'), 'Date of the follow-up closest to day 100 within days 60–120');
  assert.equal(labels.get('wide.csv:visit_date_final'), 'Date of the last follow-up visit from day 20');
  assert.match(own['read.R'], /Month 6: the follow-up closest to day 182 within days 150-190\./);
  assert.match(own['read.do'], /Final follow-up: the last follow-up visit from day 20\./);
});

test('long: one row per visit, in patient and date order, with its day and the time points it stands for', () => {
  const rows = read(files['long.csv']);
  assert.deepEqual(
    rows.map((r) => [r.patient_code, r.visit_date, r.visit_type, r.day, r.report_baseline, r.report_m3, r.report_m6, r.report_final, r.cdasi_activity]),
    [
      ['A-001', '2023-12-20', 'baseline', '-12', '1', '0', '0', '0', '30'],
      ['A-001', '2024-03-22', 'follow_up', '81', '0', '1', '0', '0', '20'],
      ['A-001', '2024-04-11', 'follow_up', '101', '0', '0', '0', '0', '18'],
      ['A-001', '2024-07-19', 'follow_up', '200', '0', '0', '1', '0', '12'],
      ['A-001', '2025-02-04', 'follow_up', '400', '0', '0', '0', '1', '8'],
      ['B-002', '2024-01-01', 'baseline', '0', '1', '0', '0', '0', '26'],
      ['B-002', '2024-01-31', 'follow_up', '30', '0', '0', '0', '0', '25'],
    ],
  );
  assert.equal(rows[0]?.site, 'NORD');
  assert.equal(rows[5]?.site, 'SUD');
});

test('the dictionary covers every column of long and wide, in order, and nothing else', () => {
  const dictionary = read(files['dictionary.csv']);
  assert.deepEqual(header(files['dictionary.csv']), [...DICTIONARY_COLUMNS]);
  assert.deepEqual([...new Set(dictionary.map((r) => r.file))], ['long.csv', 'wide.csv']);
  for (const file of ['long.csv', 'wide.csv'] as const) {
    assert.deepEqual(dictionary.filter((r) => r.file === file).map((r) => r.column), header(files[file]), file);
  }
  for (const r of dictionary) {
    assert.ok(r.label, `${r.column} has a label`);
    assert.ok(['text', 'integer', 'number', 'date', 'code', 'yesno'].includes(r.type!), `${r.column}: type ${r.type}`);
  }
});

test('the dictionary takes labels, units, ranges and codes from the visit field table', () => {
  const dictionary = new Map(read(files['dictionary.csv']).map((r) => [`${r.file}:${r.column}`, r]));
  for (const f of VISIT_FIELDS as readonly VisitField[]) {
    for (const [column, label] of [[`long.csv:${f.csv}`, f.label], [`wide.csv:${f.csv}_m3`, `${f.label}, month 3`]] as const) {
      const row = dictionary.get(column);
      assert.ok(row, column);
      assert.equal(row.label, label, column);
      assert.equal(row.unit, f.unit ?? '', column);
      if (f.kind === 'number') {
        assert.deepEqual([row.type, row.min, row.max], [f.whole ? 'integer' : 'number', String(f.min), String(f.max)], column);
      } else if (f.kind === 'code') {
        assert.equal(row.type, 'code', column);
        assert.deepEqual(row.codes!.split(';').map((c) => c.split('=')[0]), [...f.codes], column);
      } else {
        assert.deepEqual([row.type, row.codes], ['yesno', '0=No;1=Yes'], column);
      }
    }
  }
  assert.equal(dictionary.get('long.csv:ivig')?.codes, 'none=None;ongoing=Ongoing;stopped=Stopped');
  assert.equal(dictionary.get('wide.csv:sex')?.codes, 'F=Female;M=Male');
  assert.equal(dictionary.get('wide.csv:jaki_stop_reason')?.codes?.split(';')[0], 'adverse_event=Adverse event');
  assert.equal(dictionary.get('wide.csv:antibody_tif1g')?.label, 'Myositis antibodies: TIF1-γ');
  assert.equal(dictionary.get('wide.csv:jaki_dose_mg_day')?.unit, 'mg/day');
  // Every code and yes/no column lists its codes; no other does.
  for (const r of dictionary.values()) assert.equal(r.codes !== '', r.type === 'code' || r.type === 'yesno', r.column);
});

test('column names and labels fit R and Stata: names of at most 32 letters, digits and _, labels of at most 80 characters', () => {
  for (const table of analysisTables(input)) {
    assert.equal(new Set(table.columns.map((c) => c.name)).size, table.columns.length, `${table.file}: a name is used twice`);
    for (const c of table.columns) {
      assert.match(c.name, /^[a-z][a-z0-9_]{0,31}$/, c.name);
      assert.ok(`${c.label}${c.unit ? ` (${c.unit})` : ''}`.length <= 80, `${c.name}: label too long for Stata`);
      for (const code of c.codes ?? []) assert.doesNotMatch(`${code.code}${code.label}`, /[;=]/, `${c.name}: ${code.code}`);
    }
  }
});

test('the R script reads every column with its type, converts codes and yes/no, and labels every column', () => {
  const r = files['read.R'];
  assert.match(r, /^library\(readr\)$/m);
  assert.ok(/^[\x09\x0a\x20-\x7e]*$/.test(r), 'read.R is ASCII');
  const TYPES = { text: 'col_character()', code: 'col_character()', integer: 'col_integer()', yesno: 'col_integer()', number: 'col_double()', date: 'col_date(format = "%Y-%m-%d")' };
  for (const table of analysisTables(input)) {
    const section = r.slice(r.indexOf(`${table.name} <- read_analysis("${table.file}"`));
    for (const c of table.columns) {
      assert.ok(section.includes(`\n  ${c.name} = ${TYPES[c.type]}`), `${table.file} ${c.name}: read as ${c.type}`);
      assert.match(section, new RegExp(`\\n  ${c.name} = ".+"`), `${table.file} ${c.name}: labelled`);
      if (c.type === 'yesno') assert.ok(section.includes(`${table.name}$${c.name} <- as_yes_no(`), `${c.name}: logical`);
      if (c.type === 'code') {
        const codes = c.codes!.map((x) => `"${x.code}"`).join(', ');
        assert.ok(section.includes(`${table.name}$${c.name} <- as_code(${table.name}$${c.name}, c(${codes}), `), `${c.name}: factor`);
      }
    }
  }
  assert.ok(r.includes('antibody_tif1g = "Myositis antibodies: TIF1-\\u{3b3}"'), 'non-ASCII as an R escape');
  assert.ok(r.includes('sex = "Sex"'));
  assert.ok(r.includes('prednisone_mg_day_final = "Prednisone equivalent, final follow-up (mg/day)"'));
});

test('the Stata do-file reads every column as the dictionary says and labels every variable and code', () => {
  const d = files['read.do'];
  for (const table of analysisTables(input)) {
    const start = d.indexOf(`import delimited using \`"${table.file}"'`);
    assert.ok(start >= 0, table.file);
    const section = d.slice(start, d.indexOf(`save \`"${table.file.replace('.csv', '.dta')}"', replace`, start));
    const names = table.columns.map((c) => c.name).join(' ');
    assert.ok(section.includes(`confirm variable ${names}\n`), `${table.file}: every column confirmed`);
    assert.ok(section.includes(`assert c(k) == ${table.columns.length}\n`));
    assert.ok(section.includes(`order ${names}\n`));
    const destring = section.match(/^destring (.*), replace$/m)?.[1]?.split(' ') ?? [];
    const dates = section.match(/^foreach v in (.*) \{\n {4}quietly generate double _date/m)?.[1]?.split(' ') ?? [];
    for (const c of table.columns) {
      assert.ok(section.includes(`label variable ${c.name} \`"`), `${table.file} ${c.name}: labelled`);
      assert.equal(destring.includes(c.name), ['integer', 'number', 'yesno'].includes(c.type), `${c.name}: destring`);
      assert.equal(dates.includes(c.name), c.type === 'date', `${c.name}: date`);
      if (c.type === 'code') {
        const values = c.codes!.map((x, i) => `${i + 1} \`"${x.label}"'`).join(' ');
        assert.ok(section.includes(`label define ${c.name} ${values}, replace\nlabel values ${c.name} ${c.name}\n`), `${c.name}: value label`);
        for (const [i, x] of c.codes!.entries()) assert.ok(section.includes(`quietly replace _code = ${i + 1} if ${c.name} == \`"${x.code}"'\n`), `${c.name} ${x.code}`);
      }
    }
  }
  assert.ok(d.includes('label define yesno 0 `"No"\' 1 `"Yes"\', replace'));
  assert.ok(d.includes('label variable jaki_dose_mg_day_m6 `"JAK inhibitor dose, month 6 (mg/day)"\''));
});

test('docs/analysis-exports.md names every column that is not a visit measure, and the dictionary’s columns and types', () => {
  const doc = readFileSync(new URL('../../docs/analysis-exports.md', import.meta.url), 'utf8');
  const measures = new Set<string>(VISIT_FIELDS.map((f) => f.csv));
  const [long, wide] = analysisTables(input);
  const missing = [
    ...long.columns.map((c) => c.name).filter((n) => !measures.has(n)),
    ...wide.columns.map((c) => c.name).filter((n) => !/^(antibody|previous)_/.test(n) && !/_(baseline|m3|m6|final)$/.test(n)),
    ...DICTIONARY_COLUMNS,
    ...['text', 'integer', 'number', 'date', 'code', 'yesno'],
  ].filter((name) => !doc.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
});
