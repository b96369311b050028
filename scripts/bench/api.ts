import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createToken } from '@/db/queries/tokens';
import { createUser } from '@/db/queries/users';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { writeCohort } from './cohort';
import { BASE, report, stopServer, timeToFirstPage, treeMiB } from './server';

// Issue "data out and in by program": every visit of the 10,000-patient made-up cohort
// (scripts/bench/cohort.ts) listed through GET /api/v1/visits?limit=all with a token against
// `next start`: the time to the first byte, to the last, and the server's memory while it
// streams (it should stay flat: the list is written a batch at a time).

const COHORT = 'BENCH';


export async function benchApi() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-api-'));
  const made = writeCohort(folder);
  const url = await freshPostgres('dm_bench_api');
  const env = { DATABASE_URL: url };
  try {
    const imported = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts', folder], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    if (imported.status !== 0) throw new Error('the import was refused');
    const secret = await withLocalDatabase(url, 'the benchmark database', async (db) => {
      // The statistics autovacuum gathers within a minute of a bulk load: without them the
      // planner takes the fresh tables for empty and reads each page by a full scan.
      await db.execute(sql`analyze`);
      const userId = await createUser(db, {
        actorId: 'system:bench',
        input: { name: 'Bench admin', role: 'admin', siteIds: [], email: 'bench-api@bench.test', password: 'bench-password-1' },
      });
      return (await createToken(db, { actorId: 'system:bench', userId, input: { name: 'bench', scopes: ['read'], days: 1 } })).secret;
    });
    const { server } = await timeToFirstPage(env);
    try {
      const list = async () => {
        const started = performance.now();
        const res = await fetch(`${BASE}/api/v1/visits?cohort=${COHORT}&limit=all`, { headers: { authorization: `Bearer ${secret}` } });
        if (res.status !== 200 || !res.body) throw new Error(`the visit list answered ${res.status}`);
        const reader = res.body.getReader();
        let first = 0;
        let bytes = 0;
        const chunks: Uint8Array[] = [];
        for (let r = await reader.read(); !r.done; r = await reader.read()) {
          if (!first) first = performance.now() - started;
          bytes += r.value.byteLength;
          chunks.push(r.value);
        }
        const total = performance.now() - started;
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { data: unknown[] };
        return { first, total, bytes, count: body.data.length };
      };
      const idle = treeMiB(server.pid!, 'VmRSS');
      /** A run of the list with the server's peak memory while it ran. */
      const measured = async () => {
        let peak = treeMiB(server.pid!, 'VmRSS');
        const sample = setInterval(() => (peak = Math.max(peak, treeMiB(server.pid!, 'VmRSS'))), 20);
        try {
          return { ...(await list()), peak };
        } finally {
          clearInterval(sample);
        }
      };
      const runs = [await measured(), await measured(), await measured()];
      if (runs[0]!.count !== made.visits) throw new Error(`the list gave ${runs[0]!.count} visits of ${made.visits}`);
      report(`GET /api/v1/visits?limit=all, ${made.visits} visits, ${(runs[0]!.bytes / 2 ** 20).toFixed(0)} MiB`, `server memory (RSS) before: ${idle.toFixed(0)} MiB`);
      runs.forEach((r, i) =>
        report(`  run ${i + 1}: first byte, all, server peak RSS`, `${r.first.toFixed(0)} ms, ${(r.total / 1000).toFixed(2)} s, ${r.peak.toFixed(0)} MiB`),
      );
    } finally {
      await stopServer(server);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await dropDatabase('dm_bench_api');
  }
}
