import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { MAX_IMPORT_ROWS, readImport, serializeImport, unescapeFormula, type InterchangeFiles } from '@/lib/interchange';
import { EVENT_HEADER, PATIENT_HEADER, csv, eventCells, files, patientCells, visitCells } from '@/test-support/interchange';
import { SCRIPT } from '@/test-support/hostile-values';
import type { Db } from '../client';
import { adverseEvents, patients } from '../schema';
import { createTestDatabase, recordCounts, type TestDatabase } from '@/test-support/db';
import { exportCohort } from './export';
import { importCohort } from './import';

// Hostile files through the whole import: each is refused with `file:line: column: message`
// lines and nothing written, or imported with every text stored exactly as the file holds it.

let t: TestDatabase;
let db: Db;
const ACTOR = 'user-coordinator-hostile';
const FORMAT = /^(patients|visits|adverse_events)\.csv:\d+: [a-z_0-9]+: \S/;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
});

after(async () => {
  await t?.cleanup();
});

const snapshot = () => recordCounts(db);

async function refused(files: InterchangeFiles): Promise<string[]> {
  const before = await snapshot();
  const result = await importCohort(db, { actorId: ACTOR, files });
  assert.equal(result.ok, false, 'the import should have been refused');
  const problems = (result as { problems: string[] }).problems;
  for (const p of problems) assert.match(p, FORMAT);
  assert.deepEqual(await snapshot(), before, 'a refused import must write nothing');
  return problems;
}

let n = 0;
/** One patient with a baseline and one adverse event, under codes no other test uses. */
function onePatient(event: Record<string, string> = {}, patient: Record<string, string> = {}): InterchangeFiles {
  const code = `HX-${++n}`;
  return files({
    patients: [patientCells({ patient_code: code, cohort: 'HOSTILE', ...patient })],
    visits: [visitCells({ patient_code: code })],
    events: [eventCells({ patient_code: code, ...event })],
  });
}

describe('hostile import files', () => {
  test('separators, missing or doubled headers, open quotes, NUL bytes, garbage, long lines: refused, nothing written', async () => {
    const valid = onePatient();
    const cases: [string, InterchangeFiles, RegExp][] = [
      ['semicolons', { ...valid, patients: valid.patients.replaceAll(',', ';') }, /separated by ";"/],
      ['tabs', { ...valid, visits: valid.visits.replaceAll(',', '\t') }, /separated by tab/],
      ['no header', { ...valid, patients: valid.patients.split('\n').slice(1).join('\n') }, /the first line must be the header/],
      ['a column twice', { ...valid, patients: valid.patients.replace('dm_subtype', 'sex') }, /the column appears twice/],
      ['a quote left open', { ...valid, adverseEvents: `${valid.adverseEvents}HX-0,"2024-01-01,never closed\n` }, /a quoted cell is never closed/],
      ['a NUL in a site code', onePatient({}, { site: 'NO\u0000RD' }), /^patients\.csv:2: site: contains a NUL character/],
      ['a NUL in a term', onePatient({ term: 'zona\u0000' }), /^adverse_events\.csv:2: term: contains a NUL character/],
      ['control-character garbage', { ...valid, patients: String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 128)) }, /./],
      ['a 2 MB term', onePatient({ term: 'x'.repeat(2_000_000) }), /term: is 2000000 characters long, the maximum is 200/],
      ['too many rows', { ...valid, visits: `${valid.visits}${`${','.repeat(15)}\n`.repeat(MAX_IMPORT_ROWS + 1)}` }, /more than 100000 rows/],
    ];
    for (const [name, hostile, expected] of cases) {
      const problems = await refused(hostile);
      assert.ok(problems.some((p) => expected.test(p)), `${name}: ${problems.slice(0, 3).join(' | ')}`);
    }
  });

  test('a byte-order mark and CRLF line ends are imported as the plain file would be', async () => {
    const plain = onePatient({ term: 'Zona, "thoracic"\nsecond line' });
    const hostile = {
      patients: `\ufeff${plain.patients.replaceAll('\n', '\r\n')}`,
      visits: `\ufeff${plain.visits.replaceAll('\n', '\r\n')}`,
      adverseEvents: plain.adverseEvents.replace(/\n(?!second)/g, '\r\n'),
      relapses: `\ufeff${plain.relapses.replaceAll('\n', '\r\n')}`,
    };
    const result = await importCohort(db, { actorId: ACTOR, files: hostile });
    assert.equal(result.ok, true, JSON.stringify(result));
    const read = readImport(plain);
    const exported = await exportCohort(db, { cohortCode: 'HOSTILE' });
    const expected = serializeImport({
      patients: read.patients.map((r) => r.value),
      visits: read.visits.map((r) => r.value),
      adverseEvents: read.adverseEvents.map((r) => r.value),
      relapses: read.relapses.map((r) => r.value),
    });
    assert.equal(exported.adverseEvents, expected.adverseEvents);
    assert.equal(exported.patients.split('\n').length, 3); // header, the one patient, the final newline
  });

  test('any term is refused with nothing written, or stored exactly as the cell holds it and exported neutralised', async () => {
    const term = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(SCRIPT, '=cmd|\' /C calc\'!A0', "'=already escaped", '@SUM(1+1)', '+33 1 23', '-2', ' "quoted", comma ', 'line\r\nbreak', '😀‮'),
    );
    await fc.assert(
      fc.asyncProperty(term, async (cell) => {
        const hostile = onePatient({ term: cell });
        const code = /^patient_code.*\n([^,]+),/s.exec(hostile.patients)![1]!;
        const before = await snapshot();
        const result = await importCohort(db, { actorId: ACTOR, files: hostile });
        if (!result.ok) {
          for (const p of result.problems) assert.match(p, FORMAT);
          assert.deepEqual(await snapshot(), before);
          return;
        }
        const [row] = await db
          .select({ term: adverseEvents.term })
          .from(adverseEvents)
          .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
          .where(eq(patients.code, code));
        assert.equal(row!.term, unescapeFormula(cell.trim()));
        const exported = (await exportCohort(db, { cohortCode: 'HOSTILE' })).adverseEvents;
        for (const line of exported.split('\n')) assert.doesNotMatch(line.split(',')[2] ?? '', /^"?[=+\-@]/);
      }),
      { numRuns: 40 },
    );
  });
});

describe('npm run import on a 50 MB file', () => {
  test('is refused on the file size, before reading it, and writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-hostile-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'patients.csv'), csv(PATIENT_HEADER, [patientCells({ patient_code: 'HX-CLI' })]));
      const fd = fs.openSync(path.join(dir, 'adverse_events.csv'), 'w');
      fs.writeSync(fd, `${EVENT_HEADER.join(',')}\n`);
      fs.ftruncateSync(fd, 50 * 1024 * 1024); // a sparse file: 50 MB without writing them
      fs.closeSync(fd);
      const before = await snapshot();
      const run = importFolder(dir);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /^adverse_events\.csv:1: file: the file is 50\.0 MB, more than the 10 MB an import file may hold/m);
      assert.deepEqual(await snapshot(), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run import on a folder with a misspelt file name', () => {
  test('names the file and the one it likely means, and writes nothing rather than import the patients without their visits', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-misspelt-cli-'));
    try {
      const files = onePatient();
      fs.writeFileSync(path.join(dir, 'patients.csv'), files.patients);
      fs.writeFileSync(path.join(dir, 'visit.csv'), files.visits);
      fs.writeFileSync(path.join(dir, 'Adverse_Events.CSV'), files.adverseEvents);
      const before = await snapshot();
      const run = importFolder(dir);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /^visit\.csv: not a file an import reads \(patients\.csv, visits\.csv, adverse_events\.csv, relapses\.csv\): did you mean visits\.csv\?/m);
      assert.match(run.stderr, /^Adverse_Events\.CSV: .*did you mean adverse_events\.csv\?/m);
      assert.deepEqual(await snapshot(), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `npm run import` on the folder, into the test database. */
function importFolder(dir: string) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', dir], {
    env: { ...process.env, DATABASE_URL: t.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
