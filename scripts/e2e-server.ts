import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { e2eDatabaseUrl } from '@/db/local-only';
import { migrateDb } from '@/db/migrate';
import { isSeeded, seedDemo } from '@/db/seed';
import { SERVER_LOG } from '../e2e/log-check';
import { freshPostgres, withLocalDatabase } from './local-database';

// Playwright's web server: a fresh PostgreSQL database with the demo data, then the
// production build on E2E_PORT. The database is E2E_DATABASE_URL (an empty one, made for the
// run), or `dm_e2e` re-created on the server of TEST_DATABASE_ADMIN_URL. Either must be on
// this machine: the demo users it adds share a password everyone knows.

const port = process.env.E2E_PORT ?? '3100';
const databaseUrl = process.env.E2E_DATABASE_URL ? e2eDatabaseUrl() : await freshPostgres('dm_e2e');
await withLocalDatabase(databaseUrl, 'E2E_DATABASE_URL', async (db) => {
  await migrateDb(db);
  if (await isSeeded(db)) throw new Error('E2E_DATABASE_URL names a database that already has users: give the end-to-end server an empty database of its own');
  await seedDemo(db);
});

// The server's output is also kept in a file, which the suite's teardown reads for anything
// that must never be logged (e2e/log-check.ts).
fs.mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
const log = fs.createWriteStream(SERVER_LOG);
const server = spawn('npx', ['next', 'start', '-p', port, '-H', '127.0.0.1'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? 'e2e-secret-not-for-production-0123456789',
    NEXT_TELEMETRY_DISABLED: '1',
  },
});
for (const [from, to] of [[server.stdout, process.stdout], [server.stderr, process.stderr]] as const) {
  from.on('data', (chunk: Buffer) => {
    to.write(chunk);
    log.write(chunk);
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
