import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { groupReports, groupedReportJson } from '@/lib/cohort/groups';
import { buildReport } from '@/lib/cohort/report';
import { AE_CATEGORIES, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, RELAPSE_DOMAINS } from '@/lib/codes';
import {
  ADVERSE_EVENT_COLUMNS,
  CODE_MAX,
  PATIENT_COLUMNS,
  RELAPSE_COLUMNS,
  VISIT_COLUMNS,
  type CellType,
} from '@/lib/interchange/columns';
import { INPUT, START, patient } from '@/test-support/report-fixture';

// docs/ is the contract a site reads without the code: every CSV column and every key of the
// report JSON the code makes must be documented there, as the code has it.

const doc = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');
const INTERCHANGE = doc('interchange.md');
const REPORT = doc('report.md');

/** The lines under a heading, up to the next heading of the same level or above. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `docs: no heading "${heading}"`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

type Row = { name: string; required: string; type: string; allowed: string };

/** A column of any file, as far as its documentation goes. */
type AnyColumn = { name: string; required: boolean } & CellType;

/** The column table of a file's section: rows whose first cell is a `column_name`. */
function columnRows(file: string): Row[] {
  return section(INTERCHANGE, `## ${file}`)
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [name = '', required = '', type = '', allowed = ''] = line.split('|').slice(1, -1).map((c) => c.trim());
      return { name: name.replace(/^`|`$/g, ''), required, type, allowed };
    });
}

function typeName(c: AnyColumn): string {
  switch (c.type) {
    case 'ref':
      return 'identifier';
    case 'yesno':
      return 'yes/no';
    case 'number':
      return c.integer ? 'whole number' : 'number';
    default:
      return c.type;
  }
}

/** The numbers a cell names, read without thousands separators: "more than 0, at most 1,000,000" → 0, 1000000. */
function numbersIn(text: string): number[] {
  return (text.replace(/(\d),(?=\d{3}\b)/g, '$1').match(/\d+(\.\d+)?/g) ?? []).map(Number);
}

/** What is wrong with a column's documented row, if anything. */
function rowProblems(c: AnyColumn, row: Row): string[] {
  const out: string[] = [];
  if (row.required !== (c.required ? 'yes' : 'no')) out.push(`required should be ${c.required ? 'yes' : 'no'}, is "${row.required}"`);
  if (row.type !== typeName(c)) out.push(`type should be "${typeName(c)}", is "${row.type}"`);
  const numbers = numbersIn(row.allowed);
  switch (c.type) {
    case 'code':
    case 'list':
      for (const code of c.codes) if (!row.allowed.includes(`\`${code}\``)) out.push(`code \`${code}\` is not listed`);
      break;
    case 'number':
      if (!numbers.includes(c.min)) out.push(`minimum ${c.min} is not given`);
      if (c.minExclusive && !row.allowed.includes(`more than ${c.min}`)) out.push(`the minimum ${c.min} is excluded: say "more than ${c.min}"`);
      if (c.max === new Date().getFullYear()) {
        if (!row.allowed.includes('current year')) out.push('maximum: say "the current year"');
      } else if (c.max !== undefined && !numbers.includes(c.max)) out.push(`maximum ${c.max} is not given`);
      break;
    case 'text':
      if (!numbers.includes(c.max)) out.push(`the length limit ${c.max} is not given`);
      break;
    case 'ref':
      if (!numbers.includes(CODE_MAX)) out.push(`the length limit ${CODE_MAX} is not given`);
      break;
  }
  return out.map((p) => `${c.name}: ${p}`);
}

const FILES: [string, readonly AnyColumn[]][] = [
  ['patients.csv', PATIENT_COLUMNS],
  ['visits.csv', VISIT_COLUMNS],
  ['adverse_events.csv', ADVERSE_EVENT_COLUMNS],
  ['relapses.csv', RELAPSE_COLUMNS],
];

describe('docs/interchange.md documents every CSV column as the code reads it', () => {
  for (const [file, columns] of FILES) {
    test(`${file}: one row per column, in the export's order`, () => {
      assert.deepEqual(
        columnRows(file).map((r) => r.name),
        columns.map((c) => c.name),
      );
    });

    test(`${file}: each row's required flag, type, codes and range`, () => {
      const rows = new Map(columnRows(file).map((r) => [r.name, r]));
      const problems = columns.flatMap((c) => (rows.has(c.name) ? rowProblems(c, rows.get(c.name)!) : [`${c.name}: no row`]));
      assert.deepEqual(problems, []);
    });
  }
});

/**
 * A report whose code-keyed objects hold every key they can: each adverse-event category,
 * each stop reason (and one without a reason), each previous treatment.
 */
function reportWithEveryKey() {
  const stopped = [...JAKI_STOP_REASONS, null].map((reason, i) =>
    patient(`Z-STOP-${i}`, { jakiStopDate: '2024-06-01', jakiStopReason: reason }),
  );
  const events = patient('Z-EVENTS', {
    previousTreatments: [...PREVIOUS_TREATMENTS],
    adverseEvents: AE_CATEGORIES.map((category, i) => ({ category, serious: false, ctcaeGrade: (i % 5) + 1, onsetDate: START, term: category, action: null })),
    relapses: RELAPSE_DOMAINS.map((domain) => ({ relapseDate: START, domain })),
  });
  return buildReport({ ...INPUT, patients: [...INPUT.patients, ...stopped, events] });
}

/** Every object key of a JSON value, with the path it was found at first. */
function keysOf(value: unknown, path = '$', found = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, `${path}[]`, found));
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (!found.has(key)) found.set(key, `${path}.${key}`);
      keysOf(v, `${path}.${key}`, found);
    }
  return found;
}

describe('docs document every key of the report JSON', () => {
  const report = reportWithEveryKey();
  // The JSON of the report split into subgroups holds every key of the report and its own.
  const split = groupedReportJson(groupReports(INPUT, 'drug'), { includePatients: true });
  const keys = keysOf(report, '$', keysOf(split));

  test('the report used here holds the code-keyed entries and the per-patient rows', () => {
    assert.deepEqual(Object.keys(report.adverse_events.by_category).sort(), [...AE_CATEGORIES].sort());
    assert.deepEqual(Object.keys(report.jaki_stop_reasons).sort(), [...JAKI_STOP_REASONS, 'not_recorded'].sort());
    assert.deepEqual(Object.keys(report.baseline_characteristics.previous_treatments).sort(), [...PREVIOUS_TREATMENTS].sort());
    assert.ok(report.imacs.per_patient.length > 0 && report.trajectories.some((t) => t.points.length > 0));
    assert.ok(report.baseline_characteristics.regimens.length > 0 && report.death_causes.length > 0);
    assert.ok(['by', 'groups', 'key', 'label'].every((key) => keys.has(key)));
  });

  test('each key appears as `key` in the Report JSON section of interchange.md or in report.md', () => {
    const docs = `${section(INTERCHANGE, '## Report JSON')}\n${REPORT}`;
    const missing = [...keys].filter(([key]) => !docs.includes(`\`${key}\``)).map(([, path]) => path);
    assert.deepEqual(missing, []);
  });
});
