import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assertLocalDatabaseUrl } from '@/db/local-only';
import { portOpen, statusOf } from '../bench/server';

// Production servers (`next start`) for the load and fault tests: loopback only, on the
// given ports, every wait bounded. Several share one database and one BETTER_AUTH_URL, as
// instances behind a load balancer would.

export type Server = { port: number; base: string; child: ChildProcess; exited: () => boolean; log: () => string };

export const AUTH_SECRET = 'load-test-secret-not-for-production-0123456789';

function nextBin(): string {
  return path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
}

/**
 * Starts `next start` on each port against `databaseUrl` and waits until every one answers
 * /login. `publicUrl` is the address users would open (BETTER_AUTH_URL, the same on all).
 */
export async function startServers(
  ports: number[],
  { databaseUrl, publicUrl, env = {} }: { databaseUrl: string; publicUrl: string; env?: Record<string, string> },
): Promise<Server[]> {
  assertLocalDatabaseUrl(databaseUrl, 'the load database');
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npx next build` first');
  for (const port of ports) if (await portOpen(port)) throw new Error(`port ${port} is already in use`);
  const servers = ports.map((port): Server => {
    // node runs next directly (not through npm), so that the child's pid is the server's.
    // BENCH_NODE_ARGS: Node's own options for the servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, nextBin(), 'start', '-p', String(port), '-H', '127.0.0.1'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: databaseUrl,
        BETTER_AUTH_URL: publicUrl,
        BETTER_AUTH_SECRET: AUTH_SECRET,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-200_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let exited = false;
    child.once('exit', () => (exited = true));
    return { port, base: `http://127.0.0.1:${port}`, child, exited: () => exited, log: () => out };
  });
  const deadline = Date.now() + 120_000;
  try {
    for (const server of servers) {
      while ((await statusOf('/login', server.port)) !== 200) {
        if (server.exited()) throw new Error(`the server on port ${server.port} exited:\n${server.log().slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`the server on port ${server.port} did not answer within 120 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (e) {
    await stopServers(servers);
    throw e;
  }
  return servers;
}

export async function stopServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(async (server) => {
      if (!server.exited()) {
        server.child.kill('SIGTERM');
        const gone = await Promise.race([
          new Promise<boolean>((r) => server.child.once('exit', () => r(true))),
          new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
        ]);
        if (!gone && !server.exited()) server.child.kill('SIGKILL');
      }
      for (let i = 0; i < 100 && (await portOpen(server.port)); i++) await new Promise((r) => setTimeout(r, 50));
    }),
  );
}
