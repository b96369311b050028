import { spawn } from 'node:child_process';
import path from 'node:path';
import { env as settings } from '@/server/env';

// Runs PostgreSQL's client programs (pg_dump, pg_restore) against a DATABASE_URL without
// putting its password on a command line or in a message: the password goes to the child in
// PGPASSWORD, the rest of the URL in --dbname. PG_BIN_DIR picks another version's programs
// (e.g. /usr/lib/postgresql/16/bin when the server is newer than the default pg_dump).

export type PgTarget = {
  /** The URL without its password, for --dbname. */
  dbname: string;
  /** The environment for the child: the password in PGPASSWORD. */
  env: NodeJS.ProcessEnv;
  /** "dm_jaki on db.example.org:5432", for messages. */
  label: string;
};

export function pgTarget(databaseUrl: string): PgTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a URL (expected postgres://user:password@host:port/database).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new Error(`DATABASE_URL is not a PostgreSQL URL (${url.protocol}); expected postgres://user:password@host:port/database.`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  // postgres.js reads ssl=…, libpq sslmode=…
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null) {
    url.searchParams.delete('ssl');
    if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', ssl === 'true' ? 'require' : ssl === 'false' ? 'disable' : ssl);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username) || '(default database)';
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  return { dbname: url.toString(), env, label: `${database} on ${host}${url.port ? `:${url.port}` : ''}` };
}

/** Runs a PostgreSQL client program; rejects with its error output when it fails. */
export function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const dir = settings().PG_BIN_DIR;
  const bin = dir ? path.join(dir, program) : program;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 20_000) stderr += chunk;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new Error(`${bin} was not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client) in the server's version, or set PG_BIN_DIR.`)
          : e,
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${program} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  });
}
