import { addDays } from '@/lib/dates';
import { FIRST_DAY } from '../bench/patients';
import { headersFor, type Clinician } from './clinicians';
import { checkIntegrity, type IntegrityCheck } from './integrity';
import { REQUEST_TIMEOUT_MS, actionId, classifyJson503, classifyPage, classifySave, timed, type Kind, type Outcome, type Sample } from './requests';
import type { Server } from './servers';

// Signed-in clinicians against production servers (`next start`), over HTTP as the browser
// does: each saves follow-up visits for a patient of their own through createVisitAction and
// reads that patient's page, in a loop, for a given time. Optionally PostgreSQL is stopped
// for a few seconds meanwhile. Afterwards the database is checked against what the server
// acknowledged. Loopback only; every request has a time limit.

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
