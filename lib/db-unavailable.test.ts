import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  UNAVAILABLE_MESSAGE,
  DATABASE_UNAVAILABLE_DIGEST,
  DatabaseUnavailableError,
  errorSummary,
  failedOnCommit,
  rethrowUnavailable,
  unavailableCode,
  withDatabase,
} from './db-unavailable';

const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`failure ${code}`), { code, ...extra });
/** As drizzle reports a failed query: the driver's error as the cause, the parameters in the message. */
const drizzled = (cause: unknown) => Object.assign(new Error('Failed query: select 1 where email = $1\nparams: someone@example.org'), { cause, params: ['someone@example.org'] });

test('connection failures are recognised, also inside drizzle errors and AggregateErrors', () => {
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '53300', '08006', '08001'])
    assert.equal(unavailableCode(drizzled(coded(code))), code, code);
  assert.equal(unavailableCode(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')])), 'ECONNREFUSED');
  assert.equal(unavailableCode(coded('ENOENT', { address: '/run/postgresql/.s.PGSQL.5432' })), 'ENOENT');
  assert.equal(unavailableCode(new DatabaseUnavailableError('57P01')), '57P01');
});

test('other failures are not taken for an unavailable database', () => {
  for (const error of [new Error('boom'), coded('23505'), coded('40001'), coded('ENOENT', { path: '/tmp/x' }), drizzled(coded('42P01')), null, undefined, 'text'])
    assert.equal(unavailableCode(error), null, String((error as { code?: string })?.code ?? error));
});

test('a failure on COMMIT is told apart: the save may have happened', () => {
  assert.equal(failedOnCommit(Object.assign(coded('57P01'), { query: 'commit' })), true);
  assert.equal(failedOnCommit(Object.assign(coded('57P01'), { query: 'insert into "visit" ...' })), false);
  assert.equal(failedOnCommit(coded('CONNECTION_CLOSED')), false);
});

test('rethrowUnavailable replaces a connection failure by a clean error with the digest the error page knows', () => {
  assert.throws(
    () => rethrowUnavailable(drizzled(coded('ECONNREFUSED'))),
    (e) => e instanceof DatabaseUnavailableError && e.digest === DATABASE_UNAVAILABLE_DIGEST && !e.message.includes('someone') && !('cause' in e),
  );
  const other = new Error('other');
  assert.throws(() => rethrowUnavailable(other), (e) => e === other);
});

test('API routes answer 503 as a problem while the database is down, and 500 without details otherwise', async () => {
  const quiet = console.error;
  const logged: string[] = [];
  console.error = (...args: unknown[]) => logged.push(args.join(' '));
  try {
    const down = await withDatabase('test', async () => {
      throw drizzled(coded('57P03'));
    })();
    assert.equal(down.status, 503);
    assert.equal(down.headers.get('retry-after'), '5');
    assert.equal(down.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual(await down.json(), { type: 'about:blank', title: 'Service unavailable', status: 503, detail: UNAVAILABLE_MESSAGE, code: 'database_unavailable' });

    const broken = await withDatabase('test', async () => {
      throw drizzled(coded('42P01'));
    })();
    assert.equal(broken.status, 500);
    assert.ok(!JSON.stringify(await broken.json()).includes('someone'));

    const fine = await withDatabase('test', async () => Response.json({ ok: true }))();
    assert.equal(fine.status, 200);
  } finally {
    console.error = quiet;
  }
  assert.ok(logged.length === 2 && logged.every((line) => !line.includes('someone@example.org')), 'a log line holds a query parameter');
});

test('errorSummary keeps names, codes and stack frames, never messages', () => {
  const summary = errorSummary(drizzled(coded('ECONNREFUSED')));
  assert.match(summary, /^Error <- Error ECONNREFUSED\n\s+at /);
  assert.ok(!summary.includes('someone@example.org') && !summary.includes('Failed query'));
});
