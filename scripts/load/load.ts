import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '@/db/audit-verify';
import { selectRows } from '@/db/client';
import { createUser } from '@/db/queries/users';
import { cohorts, sites } from '@/db/schema';
import { addDays } from '@/lib/dates';
import { FIRST_DAY, patientWithBaseline } from '../bench/patients';
import { withLocalDatabase } from '../local-database';
import type { Server } from './servers';

// Signed-in clinicians against production servers (`next start`), over HTTP as the browser
// does: each saves follow-up visits for a patient of their own through createVisitAction and
// reads that patient's page, in a loop, for a given time. Optionally PostgreSQL is stopped
// for a few seconds meanwhile. Afterwards the database is checked against what the server
// acknowledged. Loopback only; every request has a time limit.

const ACTOR = 'system:load';
const PASSWORD = 'load-password-0123';
const REQUEST_TIMEOUT_MS = 30_000;

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

export type Kind = 'save' | 'page' | 'health' | 'api';
export type Outcome = 'ok' | 'unavailable' | 'uncertain' | 'unexpected';

type Sample = { kind: Kind; outcome: Outcome; startedAt: number; ms: number; detail?: string };

/** The fault: the database is stopped `afterSeconds` into the run and started again `downSeconds` later. */
export type Fault = {
  afterSeconds: number;
  downSeconds: number;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Runs once the database is down and the probes are done (e.g. a browser looks at a page). */
  whileDown?: (clinician: Clinician) => Promise<void>;
};

export type FaultReport = {
  stoppedAt: number;
  startedAt: number;
  /** Seconds from the database being back to the first acknowledged save. */
  recoverySeconds: number | null;
  /** What each kind of request answered while the database was down. */
  probes: { health: string[]; api: string[]; page: string[]; save: string[] };
};

export type LoadResult = {
  clinicians: number;
  instances: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  saves: number;
  savesPerSecond: number;
  latency: Record<string, { n: number; p50: number; p99: number; max: number }>;
  outcomes: Record<string, Record<Outcome, number>>;
  unexpected: string[];
  check: IntegrityCheck;
  fault?: FaultReport;
  serversAlive: boolean;
};

export type IntegrityCheck = {
  /** Saves acknowledged so far (this run and earlier ones on the same clinicians). */
  acknowledged: number;
  /** Acknowledged saves missing from the database. */
  lost: number;
  /** Visits (of this run's patients) with other than exactly one audit 'create' entry. */
  withoutOneAuditEntry: number;
  /** Audit 'create' entries of this run's clinicians naming a visit that is not there. */
  auditWithoutVisit: number;
  /** Visits saved whose save was not acknowledged (the connection went while committing): whole, but unconfirmed. */
  savedUnacknowledged: number;
  /** Two visits on one patient and date. */
  duplicates: number;
  chainValid: boolean;
  chainMessage?: string;
  ok: boolean;
};

function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} not found in the build`);
  return entry[0];
}

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
function headersFor(publicUrl: string, c?: Clinician): Record<string, string> {
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

const UNAVAILABLE = /temporarily unavailable/;
const UNCERTAIN = /not known whether this was saved/;

/** One request with a time limit; a network error or a timeout is an outcome too, never a hang. */
async function timed(kind: Kind, url: string, init: RequestInit, classify: (status: number, body: string) => { outcome: Outcome; detail?: string; id?: string }) {
  const startedAt = performance.now();
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await res.text();
    const result = classify(res.status, body);
    return { kind, startedAt, ms: performance.now() - startedAt, ...result };
  } catch (e) {
    const name = (e as Error)?.name ?? 'error';
    const code = (e as { cause?: { code?: string } })?.cause?.code;
    return { kind, startedAt, ms: performance.now() - startedAt, outcome: 'unexpected' as Outcome, detail: `${kind}: ${name}${code ? ` ${code}` : ''}` };
  }
}

function classifySave(status: number, body: string) {
  const ok = /"ok":true,"id":"([0-9a-f-]{36})"/.exec(body);
  if (status === 200 && ok) return { outcome: 'ok' as Outcome, id: ok[1] };
  if (UNCERTAIN.test(body)) return { outcome: 'uncertain' as Outcome };
  if (UNAVAILABLE.test(body)) return { outcome: 'unavailable' as Outcome };
  return { outcome: 'unexpected' as Outcome, detail: `save: ${status} ${body.replace(/\s+/g, ' ').slice(0, 200)}` };
}

function classifyPage(code: string) {
  return (status: number, body: string) => {
    if (status === 200 && body.includes(code)) return { outcome: 'ok' as Outcome };
    // Next.js renders the error page in the browser from the digest lib/db-unavailable.ts sets.
    if (status >= 500 && (UNAVAILABLE.test(body) || body.includes('DATABASE_UNAVAILABLE')))
      return { outcome: 'unavailable' as Outcome, detail: `page: ${status}, the error page for an unavailable database` };
    return { outcome: 'unexpected' as Outcome, detail: `page: ${status} ${status === 200 ? 'without the patient' : body.replace(/\s+/g, ' ').slice(0, 200)}` };
  };
}

function classifyJson503(kind: Kind) {
  return (status: number, body: string) => {
    if (status === 200) return { outcome: 'ok' as Outcome, detail: `${kind}: 200` };
    let message = '';
    try {
      message = String((JSON.parse(body) as { error?: unknown }).error ?? '');
    } catch {
      // not JSON: unexpected below
    }
    if (status === 503 && UNAVAILABLE.test(message)) return { outcome: 'unavailable' as Outcome, detail: `${kind}: 503 ${message}` };
    return { outcome: 'unexpected' as Outcome, detail: `${kind}: ${status} ${body.slice(0, 200)}` };
  };
}

function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

/**
 * Runs the load for `seconds` with signed-in clinicians spread over `servers`, then checks
 * the database. With `fault`, PostgreSQL is stopped and started again during the run;
 * "temporarily unavailable" answers are then expected from the stop until `graceSeconds`
 * after the start, and only then; the load goes on at least `afterRestartSeconds` after the start.
 * The grace covers pooled connections that broke during the outage and are replaced one by
 * one (seen on the 2-core CI machine: a last refused save 5.5 s after the start).
 */
export async function runLoad({
  databaseUrl,
  servers,
  publicUrl,
  clinicians,
  seconds,
  fault,
  graceSeconds = 10,
  afterRestartSeconds = 15,
}: {
  databaseUrl: string;
  servers: Server[];
  publicUrl: string;
  clinicians: Clinician[];
  seconds: number;
  fault?: Fault;
  graceSeconds?: number;
  afterRestartSeconds?: number;
}): Promise<LoadResult> {
  const createVisitId = actionId('createVisitAction');
  // A cold server loads its code on the first requests: one page per server first, untimed.
  await Promise.all(
    servers.map((server) => {
      const c = clinicians.find((x) => x.server === server);
      return c && fetch(`${server.base}/patients/${c.patientId}`, { headers: headersFor(publicUrl, c), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).then((r) => r.arrayBuffer());
    }),
  );
  const samples: Sample[] = [];
  const acknowledged: string[] = [];
  const began = performance.now();
  const end = began + seconds * 1000;
  let window: { from: number; to: number } | null = null;
  let faultReport: FaultReport | undefined;

  const save = async (c: Clinician, day: number) => {
    const values = { visitDate: addDays(FIRST_DAY, day), visitType: 'follow_up', cdasiActivity: String(day % 40), mmt8: String(100 + (day % 50)), prednisoneMgDay: '5', haq: '1.25' };
    const r = await timed(
      'save',
      `${c.server!.base}/patients/${c.patientId}/visits/new`,
      {
        method: 'POST',
        headers: { 'next-action': createVisitId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headersFor(publicUrl, c) },
        body: JSON.stringify([c.patientId, values]),
      },
      classifySave,
    );
    if (r.outcome === 'ok' && 'id' in r && r.id) {
      acknowledged.push(r.id);
      c.acknowledged.push(r.id);
    }
    return r;
  };
  const page = (c: Clinician) => timed('page', `${c.server!.base}/patients/${c.patientId}`, { headers: headersFor(publicUrl, c) }, classifyPage(c.patientCode));
  const health = (server: Server) => timed('health', `${server.base}/api/health`, {}, classifyJson503('health'));
  const api = (c: Clinician) =>
    timed('api', `${c.server!.base}/api/v1/cohorts/NO-SUCH-COHORT/report?format=json`, { headers: headersFor(publicUrl, c) }, (status, body) =>
      status === 404 ? { outcome: 'ok' as Outcome } : classifyJson503('api')(status, body),
    );

  // With a fault, the load goes on at least `afterRestartSeconds` after the database is back.
  let restartedAt = fault ? Infinity : 0;
  const running = () => performance.now() < Math.max(end, restartedAt + afterRestartSeconds * 1000);
  const loops = clinicians.map(async (c) => {
    while (running()) {
      samples.push(await save(c, c.nextDay++));
      if (!running()) break;
      samples.push(await page(c));
    }
  });

  const faultRun = fault
    ? (async () => {
        await new Promise((r) => setTimeout(r, fault.afterSeconds * 1000));
        const stoppedAt = performance.now();
        window = { from: stoppedAt, to: Infinity };
        await fault.stop();
        // While it is down: what each kind of request answers, on every server.
        const probes: FaultReport['probes'] = { health: [], api: [], page: [], save: [] };
        const probeUntil = performance.now() + fault.downSeconds * 1000;
        const someone = servers.map((s) => clinicians.find((c) => c.server === s)!);
        for (const server of servers) {
          const r = await health(server);
          samples.push(r);
          probes.health.push(`${server.port} ${r.outcome}: ${r.detail ?? ''}`);
        }
        for (const c of someone) {
          const r = await api(c);
          samples.push(r);
          probes.api.push(`${c.server!.port} ${r.outcome}: ${r.detail ?? ''}`);
        }
        await fault.whileDown?.(someone[0]!);
        const rest = probeUntil - performance.now();
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
        await fault.start();
        const startedAt = performance.now();
        restartedAt = startedAt;
        window = { from: stoppedAt, to: startedAt + graceSeconds * 1000 };
        faultReport = { stoppedAt: (stoppedAt - began) / 1000, startedAt: (startedAt - began) / 1000, recoverySeconds: null, probes };
      })()
    : Promise.resolve();

  await Promise.all([...loops, faultRun]);
  const elapsed = (performance.now() - began) / 1000;

  // Expected answers only inside the fault window; anything else is unexpected.
  const unexpected: string[] = [];
  for (const s of samples) {
    const inWindow = window !== null && s.startedAt + s.ms >= (window as { from: number }).from && s.startedAt <= (window as { to: number }).to;
    if (s.outcome === 'unexpected') unexpected.push(`${((s.startedAt - began) / 1000).toFixed(1)} s ${s.detail ?? s.kind}`);
    else if ((s.outcome === 'unavailable' || s.outcome === 'uncertain') && !inWindow)
      unexpected.push(`${((s.startedAt - began) / 1000).toFixed(1)} s ${s.kind} answered ${s.outcome} outside the outage`);
  }
  // What the servers said about it (their log holds codes and error names, never data).
  if (unexpected.length)
    for (const server of servers)
      for (const line of server.log().split('\n').filter((l) => /unavailable|error/i.test(l)).slice(-15)) unexpected.push(`  server ${server.port}: ${line.slice(0, 300)}`);
  if (faultReport) {
    const back = began + faultReport.startedAt * 1000;
    const firstOk = samples.filter((s) => s.kind === 'save' && s.outcome === 'ok' && s.startedAt >= back).sort((a, b) => a.startedAt + a.ms - (b.startedAt + b.ms))[0];
    faultReport.recoverySeconds = firstOk ? Math.round(((firstOk.startedAt + firstOk.ms - back) / 1000) * 100) / 100 : null;
    for (const s of samples) {
      if (s.outcome === 'ok' || s.startedAt < began + faultReport.stoppedAt * 1000 || s.startedAt > back) continue;
      if (s.kind === 'page' && faultReport.probes.page.length < 3) faultReport.probes.page.push(`${s.outcome}: ${s.detail ?? ''}`);
      if (s.kind === 'save' && faultReport.probes.save.length < 3) faultReport.probes.save.push(s.outcome);
    }
  }

  const latency: LoadResult['latency'] = {};
  const outcomes: LoadResult['outcomes'] = {};
  for (const kind of ['save', 'page', 'health', 'api'] as Kind[]) {
    const of = samples.filter((s) => s.kind === kind);
    if (!of.length) continue;
    outcomes[kind] = { ok: 0, unavailable: 0, uncertain: 0, unexpected: 0 };
    for (const s of of) outcomes[kind][s.outcome] += 1;
    const times = of.filter((s) => s.outcome === 'ok').map((s) => s.ms).sort((a, b) => a - b);
    latency[kind] = { n: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) ?? NaN };
  }

  const serversAlive = servers.every((s) => !s.exited());
  const check = await checkIntegrity(databaseUrl, clinicians);
  return {
    clinicians: clinicians.length,
    instances: servers.length,
    seconds: Math.round(elapsed * 10) / 10,
    requests: samples.length,
    requestsPerSecond: samples.length / elapsed,
    saves: acknowledged.length,
    savesPerSecond: acknowledged.length / elapsed,
    latency,
    outcomes,
    unexpected,
    check,
    fault: faultReport,
    serversAlive,
  };
}

/** Every acknowledged save is there once with one audit entry, nothing is half there, and the chain verifies. */
export async function checkIntegrity(databaseUrl: string, clinicians: Clinician[]): Promise<IntegrityCheck> {
  const acknowledged = clinicians.flatMap((c) => c.acknowledged);
  return withLocalDatabase(databaseUrl, 'the load database', async (db) => {
    const patientIds = clinicians.map((c) => c.patientId);
    const userIds = clinicians.map((c) => c.userId);
    const visitsSaved = await selectRows<{ id: string; patient_id: string; visit_date: string; entries: number }>(
      db,
      sql`select v.id::text, v.patient_id::text, v.visit_date::text,
            (select count(*)::int from audit_log a where a.entity = 'visit' and a.action = 'create' and a.entity_id = v.id::text) as entries
          from visit v where v.visit_type = 'follow_up' and v.patient_id::text in ${patientIds}`,
    );
    const [orphans] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log a where a.entity = 'visit' and a.action = 'create' and a.actor_id in ${userIds}
          and not exists (select 1 from visit v where v.id::text = a.entity_id)`,
    );
    const saved = new Set(visitsSaved.map((v) => v.id));
    const acked = new Set(acknowledged);
    const dates = new Set(visitsSaved.map((v) => `${v.patient_id} ${v.visit_date}`));
    const chain = await verifyAuditChain(db);
    const check: IntegrityCheck = {
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((id) => !saved.has(id)).length,
      withoutOneAuditEntry: visitsSaved.filter((v) => v.entries !== 1).length,
      auditWithoutVisit: orphans?.n ?? 0,
      savedUnacknowledged: visitsSaved.filter((v) => !acked.has(v.id)).length,
      duplicates: visitsSaved.length - dates.size + (acknowledged.length - acked.size),
      chainValid: chain.ok,
      chainMessage: chain.ok ? undefined : chain.message,
      ok: false,
    };
    check.ok = check.lost === 0 && check.withoutOneAuditEntry === 0 && check.auditWithoutVisit === 0 && check.duplicates === 0 && check.chainValid;
    return check;
  });
}

/** The result as the bench prints it: one line a figure. */
export function describe(r: LoadResult): string[] {
  const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');
  const lines = [
    `${r.clinicians} clinicians, ${r.instances} instance${r.instances === 1 ? '' : 's'}, ${r.seconds} s: ${r.requestsPerSecond.toFixed(1)} requests/s, ${r.savesPerSecond.toFixed(1)} saves/s (${r.saves} saves, ${r.requests} requests)`,
  ];
  for (const [kind, l] of Object.entries(r.latency)) {
    const o = r.outcomes[kind]!;
    const others = (['unavailable', 'uncertain', 'unexpected'] as Outcome[]).filter((k) => o[k]).map((k) => `${o[k]} ${k}`);
    lines.push(`  ${kind.padEnd(6)} p50 ${ms(l.p50)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (${l.n} ok${others.length ? `, ${others.join(', ')}` : ''})`);
  }
  const c = r.check;
  lines.push(
    `  integrity: ${c.acknowledged} acknowledged so far, ${c.lost} lost, ${c.duplicates} duplicated, ${c.withoutOneAuditEntry} visits without exactly one audit entry, ` +
      `${c.auditWithoutVisit} audit entries without their visit, ${c.savedUnacknowledged} saved but unacknowledged; audit chain ${c.chainValid ? 'verifies' : `BROKEN: ${c.chainMessage}`}`,
  );
  if (r.fault) {
    const f = r.fault;
    lines.push(`  fault: PostgreSQL stopped at ${f.stoppedAt.toFixed(1)} s, back at ${f.startedAt.toFixed(1)} s; first acknowledged save ${f.recoverySeconds ?? 'NEVER'} s after`);
    for (const [kind, answers] of Object.entries(f.probes)) if (answers.length) lines.push(`    while down, ${kind}: ${[...new Set(answers)].join(' | ')}`);
  }
  lines.push(`  unexpected errors: ${r.unexpected.length}${r.unexpected.length ? ` (${r.unexpected.slice(0, 5).join('; ')})` : ''}; servers alive: ${r.serversAlive ? 'yes' : 'NO'}`);
  return lines;
}
