import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { strayImportFiles } from './files';

let folder: string;

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-import-folder-'));
});

afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

const touch = (...names: string[]) => names.forEach((name) => fs.writeFileSync(path.join(folder, name), ''));

describe('strayImportFiles', () => {
  test('a folder of the import files alone, with other kinds of files and sub-folders, has none', () => {
    touch('patients.csv', 'visits.csv', 'adverse_events.csv', 'relapses.csv', 'README.txt', 'visits.csv.bak');
    fs.mkdirSync(path.join(folder, 'old.csv'));
    assert.deepEqual(strayImportFiles(folder), []);
  });

  test('names each CSV file that is none of them, with the file it likely means', () => {
    touch('patients.csv', 'visit.csv', 'Adverse_Events.CSV', 'relapse.csv', 'notes.csv');
    const problems = strayImportFiles(folder);
    assert.equal(problems.length, 4);
    const [events, notes, relapse, visit] = problems;
    assert.match(events!, /^Adverse_Events\.CSV: not a file an import reads \(.*\): did you mean adverse_events\.csv\? Rename it, or move it out of the folder\.$/);
    assert.match(notes!, /^notes\.csv: not a file an import reads \(patients\.csv, visits\.csv, adverse_events\.csv, relapses\.csv\)\. Rename it, or move it out of the folder\.$/);
    assert.match(relapse!, /did you mean relapses\.csv\?/);
    assert.match(visit!, /^visit\.csv: .*did you mean visits\.csv\?/);
  });
});
