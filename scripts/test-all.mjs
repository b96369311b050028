#!/usr/bin/env node
// `npm test`: type check, unit tests, integration tests against PostgreSQL and again on
// PGlite (the demo's embedded database), production build, the Playwright suite in Debian's
// Chromium, then the load and outage tests on that build. Stops at the first failing stage and ends with one summary line of the counts it
// read from the runners.

import { spawn } from 'node:child_process';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const stages = [
  { name: 'type check', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'unit tests', cmd: ['node', 'scripts/run-node-tests.mjs', 'lib', 'server', 'scripts'], counts: 'node' },
  { name: 'integration tests (PostgreSQL)', cmd: ['node', 'scripts/run-node-tests.mjs', 'db', 'test-support'], counts: 'node' },
  // The same tests on an in-memory PGlite; those that need a PostgreSQL server say so and skip.
  { name: 'integration tests (PGlite)', cmd: ['node', 'scripts/run-node-tests.mjs', 'db', 'test-support'], env: { TEST_DRIVER: 'pglite' }, counts: 'node' },
  { name: 'production build', cmd: ['npx', 'next', 'build'] },
  { name: 'end-to-end tests (Chromium)', cmd: ['npx', 'playwright', 'test'], counts: 'playwright' },
  // On the build above: 50 clinicians on one and two `next start` instances, and PostgreSQL
  // (a throw-away cluster) stopped during the load. Ports 3500, 3501 and 5433.
  { name: 'reliability tests (load, database outage)', cmd: ['node', 'scripts/run-node-tests.mjs', 'reliability'], counts: 'node' },
];

const COUNTERS = {
  node: { passed: /^(?:ℹ|#) pass (\d+)$/m, failed: /^(?:ℹ|#) fail (\d+)$/m },
  playwright: { passed: /^\s+(\d+) passed/m, failed: /^\s+(\d+) failed/m },
};

function run(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), { env: { ...env, ...stage.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      out += chunk;
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

let passed = 0;
let failed = 0;
let exitCode = 0;
for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.cmd.join(' ')}`);
  const { code, out } = await run(stage);
  if (stage.counts) {
    const counter = COUNTERS[stage.counts];
    passed += Number(counter.passed.exec(out)?.[1] ?? 0);
    failed += Number(counter.failed.exec(out)?.[1] ?? 0);
  }
  if (code !== 0) {
    console.error(`\n=== ${stage.name} failed (exit ${code}); later stages not run.`);
    exitCode = code;
    if (failed === 0) failed = 1;
    break;
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
