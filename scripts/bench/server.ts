import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

// Production servers for the benchmarks: loopback only, every wait bounded.

export const PORT = Number(process.env.BENCH_PORT ?? 3200);
export const BASE = `http://127.0.0.1:${PORT}`;
const AUTH_SECRET = 'bench-secret-not-for-production-0123456789';

export function startServer(env: Record<string, string | undefined>): ChildProcess {
  return spawn('npm', ['start', '--', '-p', String(PORT), '-H', '127.0.0.1'], {
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1', BETTER_AUTH_URL: BASE, BETTER_AUTH_SECRET: AUTH_SECRET },
    stdio: 'ignore',
    detached: true,
  });
}

export async function stopServer(server: ChildProcess) {
  // A server that has already exited emits no more 'exit': waiting for one would leave the bench
  // hanging on nothing (Node then quits with code 13, and the error that ended the run unsaid).
  const exited = server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
  try {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  } catch {
    // The whole process group has gone already.
  }
  await exited;
  // npm exits before next-server lets go of the port: wait until it refuses connections.
  for (let i = 0; i < 200; i++) {
    if (!(await portOpen())) return;
    if (i === 100 && server.pid) process.kill(-server.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server on port ${PORT} did not stop`);
}

/**
 * A GET on a new connection (a pooled keep-alive socket could reach a server still draining),
 * given up after 10 s.
 */
export function statusOf(pathname: string, port = PORT): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
  });
}

export function portOpen(port = PORT): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Milliseconds from `npm start` until the sign-in page answers 200. */
export async function timeToFirstPage(env: Record<string, string | undefined>): Promise<{ ms: number; server: ChildProcess }> {
  const started = performance.now();
  const server = startServer(env);
  const deadline = started + 120_000;
  while (performance.now() < deadline) {
    if ((await statusOf('/login')) === 200) return { ms: performance.now() - started, server };
    await new Promise((r) => setTimeout(r, 20));
  }
  await stopServer(server);
  throw new Error('the server did not answer within 120 s');
}


export function report(label: string, value: string) {
  console.log(`${label.padEnd(62)} ${value}`);
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function signInCookie(email: string, password: string, base = BASE): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (res.status !== 200 || cookies.length === 0) throw new Error(`sign-in failed (${res.status})`);
  return cookies.join('; ');
}

/** The resident memory (VmRSS, or the peak VmHWM) of a process and its descendants, in MiB: npm starts next-server as a grandchild. */
export function treeMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  let kiB = 0;
  const walk = (p: number) => {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kiB += Number(m[1]);
      for (const child of fs.readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(/\s+/).filter(Boolean)) walk(Number(child));
    } catch {
      // the process has just ended
    }
  };
  walk(pid);
  return kiB / 1024;
}
