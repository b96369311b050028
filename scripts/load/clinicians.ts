import { createUser } from '@/db/queries/users';
import { cohorts, sites } from '@/db/schema';
import { patientWithBaseline } from '../bench/patients';
import { withLocalDatabase } from '../local-database';
import { REQUEST_TIMEOUT_MS } from './requests';
import type { Server } from './servers';

// The load's users: clinicians with a patient each, made through the data layer, signed in
// over HTTP as a browser would.

const ACTOR = 'system:load';
const PASSWORD = 'load-password-0123';

export type Clinician = {
  index: number;
  userId: string;
  email: string;
  patientId: string;
  patientCode: string;
  cookie?: string;
  server?: Server;
  /** The next visit's day after FIRST_DAY: each save takes a new date, also across runs. */
  nextDay: number;
  /** Visits the server acknowledged for this clinician, across runs. */
  acknowledged: string[];
};

/**
 * `count` clinician users, each with one patient (with a baseline) at a site of their own
 * run, made through the data layer on a migrated database.
 */
export async function makeClinicians(databaseUrl: string, count: number): Promise<Clinician[]> {
  return withLocalDatabase(databaseUrl, 'the load database', async (db) => {
    const run = Date.now().toString(36);
    const [site] = await db.insert(sites).values({ code: `LOAD-${run}`, name: `Load ${run}` }).returning();
    const [cohort] = await db.insert(cohorts).values({ code: `LOAD-${run}`, name: `Load ${run}` }).returning();
    const siteIds = [site!.id];
    const out: Clinician[] = [];
    // A few at a time: each password hash is a deliberate CPU cost.
    for (let start = 0; start < count; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - start) }, async (_, k) => {
          const index = start + k;
          const email = `load-${run}-${index}@load.test`;
          const userId = await createUser(db, { actorId: ACTOR, input: { name: `Load clinician ${index}`, email, role: 'clinician', password: PASSWORD, siteIds } });
          const patientCode = `LOAD-${run}-${index}`;
          const patientId = await patientWithBaseline(db, { actorId: ACTOR, siteId: site!.id, cohortId: cohort!.id, code: patientCode, index });
          return { index, userId, email, patientId, patientCode, nextDay: 0, acknowledged: [] };
        }),
      );
      out.push(...batch);
    }
    return out;
  });
}

/**
 * What a load balancer passes on: the public host, so that every instance sees the same
 * origin, and the clinician's own address (each from a workstation of their own; sign-in is
 * rate-limited per address).
 */
export function headersFor(publicUrl: string, c?: Clinician): Record<string, string> {
  return {
    origin: publicUrl,
    'x-forwarded-host': new URL(publicUrl).host,
    ...(c ? { 'x-forwarded-for': `10.77.${c.index >> 8}.${(c.index & 255) + 1}` } : {}),
    ...(c?.cookie ? { cookie: c.cookie } : {}),
  };
}

/** Signs each clinician in over HTTP on the server they will use (clinician i on server i mod n). */
export async function signIn(clinicians: Clinician[], servers: Server[], publicUrl: string): Promise<void> {
  for (let start = 0; start < clinicians.length; start += 25) {
    await Promise.all(
      clinicians.slice(start, start + 25).map(async (c) => {
        const server = servers[c.index % servers.length]!;
        const res = await fetch(`${server.base}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headersFor(publicUrl, c) },
          body: JSON.stringify({ email: c.email, password: PASSWORD }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const cookies = res.headers.getSetCookie().map((v) => v.split(';')[0]);
        await res.arrayBuffer();
        if (res.status !== 200 || cookies.length === 0) throw new Error(`sign-in of clinician ${c.index} on port ${server.port} failed (${res.status})`);
        c.cookie = cookies.join('; ');
        c.server = server;
      }),
    );
  }
}

