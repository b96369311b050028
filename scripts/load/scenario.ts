import postgres from 'postgres';
import { migrateDb } from '@/db/migrate';
import { dropDatabase, freshPostgres, withLocalDatabase } from '../local-database';
import { createCluster, type Cluster } from './cluster';
import { makeClinicians, signIn, type Clinician } from './clinicians';
import { describe } from './describe';
import { runLoad, type LoadResult } from './load';
import { startServers, stopServers, type Server } from './servers';

// The load and fault runs end to end: a database (on the machine's server, or a throw-away
// cluster for the fault run), clinicians, one or more `next start` instances, the load, the
// checks; and everything torn down afterwards, also on failure.

export const DEFAULT_PORTS = (process.env.LOAD_PORTS ?? '3500,3501').split(',').map(Number);
export const CLUSTER_PORT = Number(process.env.LOAD_CLUSTER_PORT ?? 5433);

export type Phase = { instances: number; seconds: number };

function stopwatch(print: boolean) {
  const t0 = performance.now();
  return (what: string) => print && console.log(`  [${((performance.now() - t0) / 1000).toFixed(1)} s] ${what}`);
}

/**
 * Load on the machine's PostgreSQL: `clinicians` signed-in users, for each phase in turn
 * (e.g. one instance for 60 s, then two for 60 s), on a fresh `dm_rel_` database.
 */
export async function loadOnMainServer({
  clinicians: count = 50,
  phases,
  ports = DEFAULT_PORTS,
  print = true,
}: {
  clinicians?: number;
  phases: Phase[];
  ports?: number[];
  print?: boolean;
}): Promise<LoadResult[]> {
  const step = stopwatch(print);
  const name = `dm_rel_load_${process.pid}`;
  const databaseUrl = await freshPostgres(name);
  step(`database ${name} migrated`);
  const results: LoadResult[] = [];
  try {
    const clinicians = await makeClinicians(databaseUrl, count);
    step(`${count} clinicians with a patient each`);
    for (const phase of phases) {
      const used = ports.slice(0, phase.instances);
      if (used.length < phase.instances) throw new Error(`${phase.instances} instances need ${phase.instances} ports`);
      const publicUrl = `http://127.0.0.1:${used[0]}`;
      // Pools sized so that every instance's pool fits the server's connections.
      const servers = await startServers(used, { databaseUrl, publicUrl });
      step(`next start on ${used.join(', ')}`);
      try {
        // Signed in once, over HTTP; later phases reuse the sessions, which live in the
        // database and so hold on every instance.
        if (clinicians.every((c) => c.cookie)) for (const c of clinicians) c.server = servers[c.index % servers.length];
        else await signIn(clinicians, servers, publicUrl);
        step('signed in');
        const result = await runLoad({ databaseUrl, servers, publicUrl, clinicians, seconds: phase.seconds });
        if (print) for (const line of describe(result)) console.log(line);
        results.push(result);
      } finally {
        await stopServers(servers);
      }
    }
  } finally {
    await dropDatabase(name);
  }
  return results;
}

/**
 * Load on a throw-away cluster, stopped with `pg_ctl stop -m fast` `afterSeconds` into the
 * run and started again `downSeconds` later.
 */
export async function loadWithDatabaseOutage({
  clinicians: count = 50,
  instances = 1,
  seconds = 20,
  afterSeconds = 5,
  downSeconds = 4,
  ports = DEFAULT_PORTS,
  print = true,
  whileDown,
}: {
  clinicians?: number;
  instances?: number;
  seconds?: number;
  afterSeconds?: number;
  downSeconds?: number;
  ports?: number[];
  print?: boolean;
  whileDown?: (clinician: Clinician, publicUrl: string) => Promise<void>;
}): Promise<LoadResult> {
  const step = stopwatch(print);
  let cluster: Cluster | null = null;
  let servers: Server[] = [];
  try {
    cluster = createCluster({ port: CLUSTER_PORT });
    step(`throw-away cluster on port ${CLUSTER_PORT}`);
    const admin = postgres(cluster.url('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe('create database dm_rel_fault');
    await admin.end({ timeout: 5 });
    const databaseUrl = cluster.url('dm_rel_fault');
    await withLocalDatabase(databaseUrl, 'the throw-away cluster', migrateDb);
    const clinicians = await makeClinicians(databaseUrl, count);
    step(`${count} clinicians with a patient each`);
    const used = ports.slice(0, instances);
    const publicUrl = `http://127.0.0.1:${used[0]}`;
    servers = await startServers(used, { databaseUrl, publicUrl });
    step(`next start on ${used.join(', ')}`);
    await signIn(clinicians, servers, publicUrl);
    step('signed in');
    const c = cluster;
    const result = await runLoad({
      databaseUrl,
      servers,
      publicUrl,
      clinicians,
      seconds,
      fault: { afterSeconds, downSeconds, stop: () => c.stop(), start: () => c.start(), whileDown: whileDown && ((clinician) => whileDown(clinician, publicUrl)) },
    });
    if (print) for (const line of describe(result)) console.log(line);
    return result;
  } finally {
    await stopServers(servers);
    cluster?.destroy();
  }
}
