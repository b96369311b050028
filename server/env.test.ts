import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_AUTH_URL, EnvError, env, serverEnv } from './env';

const SECRET = 'x'.repeat(32);
const SERVER = { DATABASE_URL: 'postgres://app:pw@db.example.org:5432/dm_jaki', BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: 'https://registry.example.org' };

/** The problems EnvError lists for `source`, read as the server reads it. */
function problems(source: Record<string, string | undefined>): string[] {
  try {
    serverEnv(source);
  } catch (e) {
    assert.ok(e instanceof EnvError);
    return e.problems;
  }
  return [];
}

describe('settings', () => {
  test('the demo needs none: every default, the embedded database, a secret of its own, localhost', () => {
    for (const read of [env, serverEnv])
      assert.deepEqual(read({}), {
        DATABASE_URL: undefined,
        DATABASE_POOL_MAX: 10,
        DATABASE_CONNECT_TIMEOUT: 10,
        PGLITE_DIR: undefined,
        PG_BIN_DIR: undefined,
        BETTER_AUTH_URL: DEMO_AUTH_URL,
        BETTER_AUTH_SECRET: undefined,
        SESSION_IDLE_MINUTES: 30,
        SESSION_MAX_HOURS: 12,
        SIGN_IN_MAX_FAILURES: 5,
        SIGN_IN_LOCK_MINUTES: 15,
        SIGN_IN_RATE_LIMIT: 30,
      });
  });

  test('good values are read, numbers as numbers; blank counts as unset', () => {
    const read = serverEnv({
      ...SERVER,
      DATABASE_POOL_MAX: '25',
      DATABASE_CONNECT_TIMEOUT: ' 2.5 ',
      PGLITE_DIR: 'memory://',
      PG_BIN_DIR: '/usr/lib/postgresql/16/bin',
      SESSION_IDLE_MINUTES: '0.5',
      SESSION_MAX_HOURS: '8',
      SIGN_IN_MAX_FAILURES: '3',
      SIGN_IN_LOCK_MINUTES: '60',
      SIGN_IN_RATE_LIMIT: '',
    });
    assert.deepEqual(read, {
      ...SERVER,
      DATABASE_POOL_MAX: 25,
      DATABASE_CONNECT_TIMEOUT: 2.5,
      PGLITE_DIR: 'memory://',
      PG_BIN_DIR: '/usr/lib/postgresql/16/bin',
      SESSION_IDLE_MINUTES: 0.5,
      SESSION_MAX_HOURS: 8,
      SIGN_IN_MAX_FAILURES: 3,
      SIGN_IN_LOCK_MINUTES: 60,
      SIGN_IN_RATE_LIMIT: 30,
    });
    assert.equal(env({ DATABASE_URL: 'postgresql://localhost/x' }).DATABASE_URL, 'postgresql://localhost/x');
  });

  const bad: [string, string, RegExp][] = [
    ['DATABASE_URL', 'mysql://root@127.0.0.1/x', /^DATABASE_URL must be a PostgreSQL URL/],
    ['DATABASE_URL', '127.0.0.1:5432/dm_jaki', /^DATABASE_URL must be a PostgreSQL URL/],
    ['DATABASE_POOL_MAX', 'ten', /^DATABASE_POOL_MAX must be a whole number of connections above 0, e\.g\. 10/],
    ['DATABASE_POOL_MAX', '2.5', /^DATABASE_POOL_MAX must be a whole number/],
    ['DATABASE_POOL_MAX', '0', /^DATABASE_POOL_MAX must be/],
    ['DATABASE_CONNECT_TIMEOUT', '-1', /^DATABASE_CONNECT_TIMEOUT must be a number of seconds above 0/],
    ['DATABASE_CONNECT_TIMEOUT', '1e3', /^DATABASE_CONNECT_TIMEOUT must be/],
    ['BETTER_AUTH_URL', 'registry.example.org', /^BETTER_AUTH_URL must be the http:\/\/ or https:\/\/ address/],
    ['BETTER_AUTH_URL', 'ftp://registry.example.org', /^BETTER_AUTH_URL must be/],
    ['BETTER_AUTH_SECRET', 'too-short', /^BETTER_AUTH_SECRET must be at least 32 characters/],
    ['SESSION_IDLE_MINUTES', 'soon', /^SESSION_IDLE_MINUTES must be a number of minutes above 0, e\.g\. 30/],
    ['SESSION_MAX_HOURS', '0', /^SESSION_MAX_HOURS must be a number of hours above 0/],
    ['SIGN_IN_MAX_FAILURES', '4.5', /^SIGN_IN_MAX_FAILURES must be a whole number of failed sign-ins above 0/],
    ['SIGN_IN_LOCK_MINUTES', 'NaN', /^SIGN_IN_LOCK_MINUTES must be a number of minutes above 0/],
    ['SIGN_IN_RATE_LIMIT', '0x10', /^SIGN_IN_RATE_LIMIT must be a whole number of requests per minute above 0/],
  ];
  for (const [name, value, message] of bad)
    test(`${name}=${value} is refused, named`, () => {
      const found = problems({ ...SERVER, [name]: value });
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, message);
      // Tools check the same forms.
      assert.throws(() => env({ [name]: value }), (e) => e instanceof EnvError && message.test(e.problems[0]!));
    });

  test('on PostgreSQL the server requires the secret and the address users open; tools do not', () => {
    assert.deepEqual(problems({ DATABASE_URL: SERVER.DATABASE_URL }), [
      'BETTER_AUTH_SECRET is required with DATABASE_URL: every instance must sign sessions with the same secret (make one with `openssl rand -base64 32`)',
      'BETTER_AUTH_URL is required with DATABASE_URL: the address users open, e.g. https://registry.example.org',
    ]);
    assert.match(problems({ ...SERVER, BETTER_AUTH_SECRET: '  ' })[0]!, /^BETTER_AUTH_SECRET is required with DATABASE_URL/);
    assert.deepEqual(problems(SERVER), []);
    assert.equal(env({ DATABASE_URL: SERVER.DATABASE_URL }).BETTER_AUTH_SECRET, undefined);
  });

  test('every problem is listed at once, and no value is repeated (URLs hold passwords)', () => {
    const source = { DATABASE_URL: 'mysql://app:hunter2-password@db/x', BETTER_AUTH_SECRET: 'my-short-secret', SESSION_MAX_HOURS: 'twelve' };
    assert.throws(
      () => serverEnv(source),
      (e: Error) => {
        assert.match(e.message, /^Settings in the environment are not valid \(see \.env\.example\):\n {2}- DATABASE_URL .*\n {2}- BETTER_AUTH_SECRET .*\n {2}- SESSION_MAX_HOURS /);
        for (const value of Object.values(source)) assert.ok(!e.message.includes(value), value);
        return true;
      },
    );
  });

  test("the process's own environment is read again when it changes", () => {
    const before = process.env.SIGN_IN_LOCK_MINUTES;
    try {
      process.env.SIGN_IN_LOCK_MINUTES = '20';
      assert.equal(env().SIGN_IN_LOCK_MINUTES, 20);
      process.env.SIGN_IN_LOCK_MINUTES = '25';
      assert.equal(env().SIGN_IN_LOCK_MINUTES, 25);
      process.env.SIGN_IN_LOCK_MINUTES = 'later';
      assert.throws(() => env(), /SIGN_IN_LOCK_MINUTES/);
    } finally {
      if (before === undefined) delete process.env.SIGN_IN_LOCK_MINUTES;
      else process.env.SIGN_IN_LOCK_MINUTES = before;
    }
  });
});
