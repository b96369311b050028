import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { benchAuditChain, benchTwoSites } from './bench/audit-chain';
import { benchCohort } from './bench/cohort';
import { report } from './bench/server';
import { dropDatabase, freshPostgres } from './local-database';
import { benchStartupAndSaves } from './bench/startup';
import { loadOnMainServer, loadWithDatabaseOutage } from './load/scenario';
import { seedDemo } from '@/db/seed';

// `npm run bench`: the figures the issues ask for, on a real PostgreSQL and the production
// build (made when missing). Loopback only; every loop is bounded. `npm run bench -- startup`
// (or cohort, audit, load) runs one part.

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
  const url = await freshPostgres('dm_bench_audit', (db) => seedDemo(db));
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
    await dropDatabase('dm_bench_audit');
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

const parts = { startup: benchStartupAndSaves, cohort: benchCohort, audit: benchAudit, load: benchLoad };
const chosen = process.argv.slice(2).filter((a) => a in parts) as (keyof typeof parts)[];

await ensureBuild();
console.log(`Benchmark on ${os.cpus().length} cores, node ${process.version}\n`);
for (const name of chosen.length ? chosen : (Object.keys(parts) as (keyof typeof parts)[])) {
  console.log(`\n## ${name}`);
  await parts[name]();
}
process.exit(0);
