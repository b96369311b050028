import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

// Every command a coordinator or an admin types answers `--help` with its usage, and a mistyped
// option with what is wrong and the usage: never a stack trace, and before any database opens.

const COMMANDS = ['import', 'export', 'report', 'audit-export', 'db-backup', 'db-restore', 'token-create', 'user-create', 'bench'];
const NPM_NAME: Record<string, string> = { 'audit-export': 'audit:export', 'db-backup': 'db:backup', 'db-restore': 'db:restore', 'token-create': 'token:create', 'user-create': 'user:create' };

// A database folder that must stay unopened: a command that got as far as the database would create it.
const untouched = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dm-cli-')), 'pglite');
after(() => fs.rmSync(path.dirname(untouched), { recursive: true, force: true }));

function run(command: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', `scripts/${command}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: untouched },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('command-line arguments', () => {
  for (const command of COMMANDS) {
    const name = NPM_NAME[command] ?? command;

    test(`${name} --help prints its usage and exits 0`, () => {
      const r = run(command, '--help');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: npm run ${name} --`));
      assert.equal(r.stderr, '');
    });

    test(`${name} names an unknown option above its usage and exits 2`, () => {
      const r = run(command, '--cohrot', 'X');
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^error: Unknown option '--cohrot'/);
      assert.match(r.stderr, new RegExp(`\\nUsage: npm run ${name} --`));
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(fs.existsSync(untouched), false, 'the database was not opened');
    });
  }

  test('an option given without its value is named', () => {
    const r = run('export', '--cohort');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: Option '--cohort <value>' argument missing/);
  });
});
