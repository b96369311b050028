import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { benchApi } from './bench/api';
import { benchAuditChain, benchTwoSites } from './bench/audit-chain';
import { benchCohort } from './bench/cohort';
import { benchImportRows } from './bench/import';
import { benchPages } from './bench/pages';
import { benchSaves } from './bench/saves';
import { report } from './bench/server';
import { tableRows, tableText } from './bench/table';
import { cliArgs } from './cli';
import { dropDatabase, freshPostgres } from './local-database';
import { benchStartupAndSaves } from './bench/startup';
import { loadOnMainServer, loadWithDatabaseOutage } from './load/scenario';
import { seedDemo } from '@/db/seed';

// `npm run bench`: the figures the issues ask for, on a real PostgreSQL and the production
// build (made when missing). Loopback only; every loop is bounded. Parts by name:
// `npm run bench -- saves pages` (saves, pages, cohort, import: the table's rows; api: the record
// API's streamed list; startup, audit,
// load: the earlier issues' figures). `--json` prints the table as JSON at the end;
// `--seconds` and `--rounds` size the save rows (10 s, 3 rounds); `--rounds` also sets how many
// times the import rows are measured (each figure the median). BENCH_PORT (3200) is the
// server's port, LOAD_PORTS the load's.

async function ensureBuild() {
  if (fs.existsSync('.next/BUILD_ID')) return;
  console.log('No production build: running next build first.');
  await new Promise((resolve, reject) =>
    spawn('npx', ['next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } }).on('exit', (c) =>
      c === 0 ? resolve(null) : reject(new Error('build failed')),
    ),
  );
}

async function benchAudit() {
  const name = `dm_bench_audit_${process.pid}`;
  const url = await freshPostgres(name, (db) => seedDemo(db));
  try {
    const r = await benchAuditChain({ databaseUrl: url, writers: 50, seconds: 30 });
    report('visit saves with the audit chain, 50 writers, 30 s', `${r.savesPerSecond.toFixed(0)} saves/s (${r.saves} saves)`);
    report('  lost / duplicate audit entries, failed saves', `${r.lostEntries} / ${r.duplicateEntries}, ${r.failedSaves}`);
    report('  audit chain verifies afterwards', r.chainValid ? 'yes' : 'NO');
    const two = await benchTwoSites({ databaseUrl: url });
    const saves = (s: typeof two.alone) => `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms (${s.saves} saves)`;
    report('one site saving alone (4 clinicians)', saves(two.alone));
    report(`  while another site imports (${two.importSeconds.toFixed(1)} s)`, saves(two.whileOtherSiteImports));
    report('  audit chain verifies afterwards', two.chainValid ? 'yes' : 'NO');
  } finally {
    await dropDatabase(name);
  }
}

/**
 * 50 signed-in clinicians over HTTP against `next start` (ports 3500, 3501): 60 s on one
 * instance, 60 s on two sharing the database; then 30 s with PostgreSQL (a throw-away cluster
 * on 5433) stopped for 5 s. Every figure comes with the integrity check and the audit chain.
 */
async function benchLoad() {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const results = await loadOnMainServer({ clinicians: 50, phases: [{ instances: 1, seconds }, { instances: 2, seconds }] });
  const outage = await loadWithDatabaseOutage({ clinicians: 50, instances: 1, seconds: 30, afterSeconds: 10, downSeconds: 5 });
  const failed = [...results, outage].filter((r) => r.unexpected.length || !r.check.ok || !r.serversAlive);
  if (failed.length || outage.fault?.recoverySeconds === null) throw new Error('the load bench found errors (see above)');
}

const parts = {
  saves: () => benchSaves({ seconds: Number(values.seconds), rounds: Number(values.rounds) }),
  pages: benchPages,
  cohort: benchCohort,
  import: () => benchImportRows({ rounds: Number(values.rounds) }),
  api: benchApi,
  startup: benchStartupAndSaves,
  audit: benchAudit,
  load: benchLoad,
};

const USAGE = `Usage: npm run bench -- [PART ...] [--json] [--seconds N] [--rounds N]
Measures the app beside the physical minimum of each work and prints one table (docs/performance.md).
PART: ${Object.keys(parts).join(', ')}; all of them when none is named.`;

const { values, positionals } = cliArgs(
  {
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, seconds: { type: 'string', default: '10' }, rounds: { type: 'string', default: '3' } },
  },
  USAGE,
);

const unknown = positionals.filter((a) => !(a in parts));
if (unknown.length) {
  console.error(`error: unknown part ${unknown.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const chosen = (positionals.length ? positionals : Object.keys(parts)) as (keyof typeof parts)[];

await ensureBuild();
const machine = { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`Benchmark on ${machine.cores} cores, node ${machine.node}, load average ${machine.loadAverage.join(' ')}\n`);
let failure: unknown = null;
for (const name of chosen) {
  console.log(`\n## ${name}`);
  try {
    await parts[name]();
  } catch (e) {
    // The table of what was measured is still printed; the run then fails.
    console.error(`the ${name} part failed:`, e);
    failure = e;
  }
}
const finished = { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`\n${tableText()}\n\n(load average at the start ${machine.loadAverage.join(' ')}, at the end ${finished.loadAverageAtEnd.join(' ')})`);
if (values.json) console.log(JSON.stringify({ at: new Date().toISOString(), machine: finished, parts: chosen, rows: tableRows() }, null, 2));
process.exit(failure ? 1 : 0);
