import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import { writeCohort } from '../scripts/bench/cohort';
import { verifyAuditChain } from './audit-verify';
import { createPatient } from './queries/patients';
import { adverseEvents, auditLog, cohorts, patients, sites, visits } from './schema';
import { countRows, createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, type TestDatabase } from '@/test-support/db';

// `npm run import` killed (SIGKILL) half-way through writing a large cohort leaves nothing of
// it: the import writes in one transaction, which PostgreSQL rolls back when its client dies.

describe('an import killed half-way', postgresOnly('the import runs as a second process, watched through a second connection'), () => {
  let t: TestDatabase;
  let folder: string;
  let child: ChildProcess | null = null;

  before(async () => {
    t = await createTestDatabase();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-import-kill-'));
    writeCohort(folder, 10_000);
  });

  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(folder, { recursive: true, force: true });
    await t?.cleanup();
  });

  async function tableCounts() {
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries({ sites, cohorts, patients, visits, adverseEvents, auditLog })) out[name] = await countRows(t.db, table);
    return out;
  }

  test('an import killed while it writes leaves none of its rows and a valid audit chain', { timeout: 180_000 }, async () => {
    // Something already there, with its audit entries.
    const site = await makeSite(t.db);
    const cohort = await makeCohort(t.db);
    await createPatient(t.db, { actorId: 'test', siteIds: [site.id], input: patientInput({ siteId: site.id, cohortId: cohort.id }) });
    const before = await tableCounts();

    // `npm run import -- <folder>`, as its own process (node directly, so that its pid is the importer's).
    child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', folder], {
      env: { ...process.env, DATABASE_URL: t.url },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once('exit', (code, signal) => resolve({ code, signal })));

    // Wait (bounded) until its transaction is open and writing visits (its patients are then
    // written, in the transaction), then kill it.
    const watcher = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      let writing = false;
      for (const deadline = Date.now() + 120_000; !writing && Date.now() < deadline; ) {
        if (child.exitCode !== null) break;
        const [row] = await watcher<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and xact_start is not null and query ilike '%insert into "visit"%'`;
        writing = (row?.n ?? 0) > 0;
        if (!writing) await new Promise((r) => setTimeout(r, 10));
      }
      assert.ok(writing, `the import never started writing (exit ${child.exitCode}): ${stderr.slice(-500)}`);
      child.kill('SIGKILL');
      const end = await exited;
      assert.equal(end.signal, 'SIGKILL', 'the import ended before it was killed');

      // PostgreSQL notices the dead client and rolls its transaction back: wait (bounded) for its session to go.
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const [row] = await watcher<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            and xact_start is not null`;
        if ((row?.n ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await watcher.end({ timeout: 5 });
    }

    assert.deepEqual(await tableCounts(), before, 'rows of the killed import remain');
    const chain = await verifyAuditChain(t.db);
    assert.ok(chain.ok, chain.ok ? '' : chain.message);
    assert.equal(chain.ok && chain.count, before.auditLog);
  });
});
