#!/usr/bin/env node
// Runs node's built-in test runner on every test file below the given folders.
// Node 20's `--test` does not expand `**` globs, so this script finds the files itself.
//
//   node scripts/run-node-tests.mjs lib
//   node scripts/run-node-tests.mjs db
//   node scripts/run-node-tests.mjs lib db --suffix .test.ts -- --test-name-pattern=CDASI
//
// Arguments: one or more folder roots; `--suffix S` (default `.test.ts`) picks the files;
// anything after `--` goes to node before the file list. Skips node_modules and dot folders.
// Exits with the test run's exit code, and with 1 when no test file is found.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const roots = [];
  const extra = [];
  let suffix = '.test.ts';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      extra.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--suffix') {
      suffix = argv[++i];
      if (!suffix) fail('--suffix needs a value, e.g. --suffix .test.ts');
    } else if (a.startsWith('--suffix=')) {
      suffix = a.slice('--suffix='.length);
    } else if (a.startsWith('-')) {
      fail(`unknown option ${a} (put node options after --)`);
    } else {
      roots.push(a);
    }
  }
  if (roots.length === 0) fail('usage: node scripts/run-node-tests.mjs <folder>... [--suffix .test.ts] [-- node options]');
  if (!suffix) fail('the suffix cannot be empty');
  return { roots, suffix, extra };
}

function fail(message) {
  console.error(`run-node-tests: ${message}`);
  process.exit(1);
}

function findTests(root, suffix) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(full);
    }
  };
  const stat = fs.statSync(root, { throwIfNoEntry: false });
  if (!stat) fail(`no such folder: ${root}`);
  if (stat.isFile()) {
    if (root.endsWith(suffix)) found.push(root);
  } else {
    walk(root);
  }
  return found;
}

const { roots, suffix, extra } = parseArgs(process.argv.slice(2));
const files = [...new Set(roots.flatMap((root) => findTests(root, suffix)))].sort();
if (files.length === 0) fail(`no *${suffix} file found under ${roots.join(', ')}`);

const args = ['--conditions=react-server', '--import', 'tsx', '--test', '--test-concurrency=1', ...extra, ...files];
const child = spawn(process.execPath, args, { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => fail(`could not start node: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`run-node-tests: tests ended by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
