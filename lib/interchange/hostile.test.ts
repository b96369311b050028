import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { checkCsvBytes } from './decode';
import { readImportFile, readUploadedFile } from './files';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from './limits';
import { formatProblem, type Problem } from './problems';
import { readImport, type InterchangeFiles } from './read';
import { serializeImport } from './serialize';
import { EVENT_HEADER, PATIENT_HEADER, csv, eventCells, files, patientCells } from '@/test-support/interchange';

// Files a coordinator should never have sent, and some they will: each is read correctly or
// refused with `file:line: column: message` lines, and nothing a file holds makes the reader throw.

const TODAY = '2025-06-01';
const read = (parts: Partial<InterchangeFiles>) => readImport({ ...files(), ...parts }, { today: TODAY });
const printed = (problems: Problem[]) => problems.map(formatProblem);
const FORMAT = /^(patients|visits|adverse_events)\.csv:\d+: [a-z_0-9]+: \S.*$/s;
const valid = files();

describe('CSV files from elsewhere', () => {
  test('a UTF-8 byte-order mark and CRLF (or CR) line ends read as the plain file does', () => {
    const plain = read({});
    for (const variant of [
      { patients: `\ufeff${valid.patients}` },
      { patients: valid.patients.replaceAll('\n', '\r\n'), visits: valid.visits.replaceAll('\n', '\r\n') },
      { adverseEvents: `\ufeff${valid.adverseEvents.replaceAll('\n', '\r')}` },
    ]) {
      const r = read(variant);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.patients, plain.patients);
      assert.deepEqual(r.visits, plain.visits);
      assert.deepEqual(r.adverseEvents, plain.adverseEvents);
    }
  });

  test('a semicolon or tab separated file is refused, naming the separator', () => {
    assert.deepEqual(printed(read({ patients: valid.patients.replaceAll(',', ';') }).problems), [
      'patients.csv:1: patient_code: column not found: the header is separated by ";", the file must be comma-separated',
    ]);
    assert.deepEqual(printed(read({ visits: valid.visits.replaceAll(',', '\t') }).problems), [
      'visits.csv:1: patient_code: column not found: the header is separated by tab, the file must be comma-separated',
    ]);
  });

  test('a file without its header line is refused at line 1, whatever separators its data holds', () => {
    const headless = valid.patients.split('\n').slice(1).join('\n');
    const problems = printed(read({ patients: headless }).problems);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^patients\.csv:1: patient_code: column not found: the first line must be the header/);
  });

  test('a duplicated, missing or unknown column is refused', () => {
    assert.deepEqual(printed(read({ patients: valid.patients.replace('dm_subtype', 'sex') }).problems), [
      'patients.csv:1: sex: the column appears twice (columns 4 and 7)',
    ]);
    assert.deepEqual(printed(read({ adverseEvents: csv(EVENT_HEADER.filter((h) => h !== 'term'), [eventCells()]) }).problems), [
      'adverse_events.csv:1: term: required column is missing',
    ]);
    const extra = read({ patients: csv([...PATIENT_HEADER, 'notes', ''], [{ ...patientCells(), notes: '=cmd|calc' }]) });
    assert.deepEqual(printed(extra.problems), [
      `patients.csv:1: notes: "notes" (column ${PATIENT_HEADER.length + 1}) is not a column of patients.csv (nothing is imported while a column is unknown)`,
    ]);
    assert.equal(extra.patients.length, 0);
  });

  test('an empty file or a header alone means no rows', () => {
    for (const text of ['', '\n\n', '\ufeff', `${EVENT_HEADER.join(',')}\r\n`]) {
      const r = read({ adverseEvents: text });
      assert.deepEqual(r.problems, []);
      assert.equal(r.adverseEvents.length, 0);
    }
  });

  test('a quote left open is refused at the line it opens on', () => {
    const open = valid.patients.replace('PSL-001', '"PSL-001');
    assert.deepEqual(printed(read({ patients: open }).problems), ['patients.csv:2: patient_code: a quoted cell is never closed (a " is missing)']);
  });

  test('binary garbage is refused as not UTF-8 text, or as a file without a header', () => {
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    const checked = checkCsvBytes('patients.csv', garbage);
    assert.ok('problem' in checked);
    assert.match(formatProblem(checked.problem), /^patients\.csv:1: file: the file is not UTF-8 text/);
    const controls = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 128));
    const problems = printed(read({ patients: controls }).problems);
    assert.ok(problems.length > 0);
    for (const p of problems) assert.match(p, FORMAT);
  });

  test('a NUL byte in any cell is refused, never sent to the database', () => {
    const r = read({ patients: csv(PATIENT_HEADER, [patientCells({ site: 'NO\u0000RD', death_cause: 'x\u0000', death_date: '2024-05-01' })]) });
    assert.deepEqual(printed(r.problems), [
      'patients.csv:2: site: contains a NUL character (byte 0), which cannot be stored',
      'patients.csv:2: death_cause: contains a NUL character (byte 0), which cannot be stored',
    ]);
  });

  test('a formula-looking cell is text: imported as written, exported with an apostrophe, imported back the same', () => {
    const term = '=HYPERLINK("http://evil.test","click")';
    const first = read({ adverseEvents: csv(EVENT_HEADER, [eventCells({ term })]) });
    assert.deepEqual(first.problems, []);
    assert.equal(first.adverseEvents[0]!.value.term, term);
    const exported = serializeImport({
      patients: first.patients.map((r) => r.value),
      visits: first.visits.map((r) => r.value),
      adverseEvents: first.adverseEvents.map((r) => r.value),
      relapses: [],
    });
    assert.ok(exported.adverseEvents.includes(`"'=HYPERLINK(""http://evil.test"",""click"")"`));
    assert.equal(read(exported).adverseEvents[0]!.value.term, term);
  });

  test('a very long line is refused without echoing it', () => {
    const long = 'x'.repeat(2_000_000);
    const problems = printed(read({ adverseEvents: csv(EVENT_HEADER, [eventCells({ term: long, patient_code: long })]) }).problems);
    assert.deepEqual(
      problems.map((p) => p.length < 200),
      problems.map(() => true),
    );
    assert.ok(problems.some((p) => p.startsWith('adverse_events.csv:2: term: is 2000000 characters long, the maximum is 200')));
  });

  test(`more than ${MAX_IMPORT_ROWS} rows are refused, without parsing the rest`, () => {
    const started = performance.now();
    // Blank rows of the header's width: the cheapest rows to send, and to parse.
    const blank = `${','.repeat(PATIENT_HEADER.length - 1)}\n`;
    const rows = `${PATIENT_HEADER.join(',')}\n${blank.repeat(MAX_IMPORT_ROWS + 5000)}`;
    assert.deepEqual(printed(read({ patients: rows }).problems), [
      `patients.csv:${MAX_IMPORT_ROWS + 2}: row: the file has more than ${MAX_IMPORT_ROWS} rows: split the cohort into several imports`,
    ]);
    assert.ok(performance.now() - started < 5_000);
  });

  test('whatever text the files hold, the reader never throws and every problem has the contract form', () => {
    const cell = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('"', '""', ',', '\n', '\r\n', ';', '\t', '\u0000', '=1+1', "'", '2024-01-01', 'yes'));
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.array(cell, { maxLength: 20 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(',')).join('\n')),
      fc.array(cell, { maxLength: 40 }).map((cells) => `${PATIENT_HEADER.join(',')}\n${cells.join(',')}`),
      fc.array(cell, { maxLength: 40 }).map((cells) => `${EVENT_HEADER.join(',')}\r\n${cells.join('')}`),
    );
    fc.assert(
      fc.property(text, fc.constantFrom<keyof InterchangeFiles>('patients', 'visits', 'adverseEvents'), (t, which) => {
        const r = read({ [which]: t });
        for (const p of printed(r.problems)) assert.match(p, FORMAT);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a 50 MB file', () => {
  let dir: string;
  let big: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-hostile-'));
    big = path.join(dir, 'visits.csv');
    // Written a megabyte at a time: the test itself must not hold 50 MB.
    const line = `${'PSL-001,2024-01-05,baseline,27,4,120,10,none,yes,no,4,5,6,3,1.25,180\n'.repeat(1000)}`;
    const out = fs.createWriteStream(big);
    for (let written = 0; written < 50 * 1024 * 1024; written += line.length) if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rssGrowthMb = async (work: () => unknown) => {
    global.gc?.();
    const start = process.memoryUsage().rss;
    const result = await work();
    return { result, mb: (process.memoryUsage().rss - start) / 1024 / 1024 };
  };

  test('the command line refuses it on its size, before reading it', async () => {
    assert.ok(fs.statSync(big).size > MAX_IMPORT_FILE_BYTES);
    const { result, mb } = await rssGrowthMb(() => readImportFile(big, 'visits.csv', false));
    assert.deepEqual(result, {
      problem: 'visits.csv:1: file: the file is 50.0 MB, more than the 10 MB an import file may hold: split the cohort into several imports',
    });
    assert.ok(mb < 100, `memory grew by ${mb.toFixed(0)} MB`);
  });

  test('the upload refuses it on its size, before reading it', async () => {
    const { result, mb } = await rssGrowthMb(async () => {
      const form = new FormData();
      form.append('visits', await fs.openAsBlob(big), 'visits.csv'); // backed by the file, not memory
      return readUploadedFile(form.get('visits'), 'visits.csv', false);
    });
    assert.match((result as { problem: string }).problem, /^visits\.csv:1: file: the file is 50\.0 MB, more than the 10 MB/);
    assert.ok(mb < 100, `memory grew by ${mb.toFixed(0)} MB`);
  });

  test('a file just within the limit is read', async () => {
    const small = path.join(dir, 'patients.csv');
    fs.writeFileSync(small, valid.patients);
    assert.deepEqual(readImportFile(small, 'patients.csv', true), { bytes: Buffer.from(valid.patients) });
    assert.deepEqual(readImportFile(path.join(dir, 'adverse_events.csv'), 'adverse_events.csv', false), { bytes: new Uint8Array() });
  });

  test("Next's body limit lets three files at the limit through, and not much more", () => {
    const config = fs.readFileSync(path.join(import.meta.dirname, '../../next.config.js'), 'utf8');
    const mb = Number(/bodySizeLimit: '(\d+)mb'/.exec(config)?.[1]);
    assert.ok(mb * 1024 * 1024 >= 3 * MAX_IMPORT_FILE_BYTES + 1024 * 1024, `bodySizeLimit ${mb} MB is below three files at the limit`);
    assert.ok(mb <= 4 * (MAX_IMPORT_FILE_BYTES / 1024 / 1024), `bodySizeLimit ${mb} MB lets far larger bodies be buffered`);
  });
});
