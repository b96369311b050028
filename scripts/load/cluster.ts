import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A throw-away PostgreSQL cluster for the fault test: its own data folder and socket folder
// under the system's temporary folder, loopback only, trust authentication, stopped and
// deleted by `destroy()` (and on process exit, should the caller fail first). The machine's
// main cluster is never touched.

export type Cluster = {
  port: number;
  dir: string;
  /** A postgres:// URL for `database` on this cluster. */
  url: (database: string) => string;
  /** `pg_ctl stop -m fast`: sessions are ended (57P01), new connections refused. */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  isRunning: () => boolean;
  destroy: () => void;
};

/** The folder with initdb and pg_ctl: PG_BINDIR, or the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('initdb not found: install postgresql (Debian: postgresql-15) or set PG_BINDIR');
  return path.join(root, versions[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root (PostgreSQL refuses to run as root). */
function command(bin: string, args: string[]): [string, string[]] {
  const program = path.join(postgresBinDir(), bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

function pg(bin: string, args: string[], { allowFail = false, timeoutMs = 60_000 } = {}) {
  const [cmd, argv] = command(bin, args);
  const result = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs });
  if (!allowFail && result.status !== 0)
    throw new Error(`${bin} ${args.join(' ')} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || '').trim().slice(-500)}`);
  return result;
}

/** The same without blocking the event loop (the load goes on meanwhile). */
function pgAsync(bin: string, args: string[], timeoutMs = 60_000): Promise<void> {
  const [cmd, argv] = command(bin, args);
  return new Promise((resolve, reject) =>
    execFile(cmd, argv, { encoding: 'utf8', timeout: timeoutMs }, (error, stdout, stderr) =>
      error ? reject(new Error(`${bin} ${args.join(' ')} failed: ${(stderr || stdout || error.message).trim().slice(-500)}`)) : resolve(),
    ),
  );
}

export function createCluster({ port = 5433, maxConnections = 100 }: { port?: number; maxConnections?: number } = {}): Cluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-rel-pg-'));
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgres.log');
  let destroyed = false;

  const isRunning = () => pg('pg_ctl', ['-D', data, 'status'], { allowFail: true }).status === 0;
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=${maxConnections} -c fsync=off -c full_page_writes=off`;
  const stop = () => pgAsync('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  const start = () => pgAsync('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    process.off('exit', destroy);
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'], { allowFail: true });
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', destroy);

  try {
    pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    pg('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  } catch (e) {
    destroy();
    throw e;
  }
  return { port, dir, url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`, stop, start, isRunning, destroy };
}
