import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { assertLocalDatabaseUrl, e2eDatabaseUrl, testAdminUrl, testDatabaseUrl } from './local-only';

const NAMES = ['TEST_DATABASE_ADMIN_URL', 'E2E_DATABASE_URL'] as const;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
});

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('only databases on this machine', () => {
  test('a local PostgreSQL URL passes; another host, another kind of URL or none is refused, naming the variable and not the URL', () => {
    for (const url of ['postgres://postgres@127.0.0.1:5432/x', 'postgresql://u:pw@localhost/x', 'postgres://u@[::1]:5432/x']) assertLocalDatabaseUrl(url);
    assert.throws(() => assertLocalDatabaseUrl('postgres://u:secret-pw@db.example.org/x', 'E2E_DATABASE_URL'), (e: Error) => {
      assert.match(e.message, /^Refusing to run tests against db\.example\.org \(E2E_DATABASE_URL\)/);
      assert.ok(!e.message.includes('secret-pw'));
      return true;
    });
    assert.throws(() => assertLocalDatabaseUrl('mysql://root@127.0.0.1/x', 'E2E_DATABASE_URL'), /E2E_DATABASE_URL is a mysql: URL, not a PostgreSQL one/);
    assert.throws(() => assertLocalDatabaseUrl('127.0.0.1:5432'), /TEST_DATABASE_ADMIN_URL is not a URL/);
  });

  test("the end-to-end server's database: E2E_DATABASE_URL when local, dm_e2e on the test server otherwise", () => {
    process.env.TEST_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    delete process.env.E2E_DATABASE_URL;
    assert.equal(e2eDatabaseUrl(), 'postgres://postgres@127.0.0.1:5432/dm_e2e');
    process.env.E2E_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/dm_ci_1';
    assert.equal(e2eDatabaseUrl(), 'postgres://postgres@127.0.0.1:5432/dm_ci_1');
    process.env.E2E_DATABASE_URL = 'postgres://app@registry.hospital.org:5432/dm_jaki';
    assert.throws(() => e2eDatabaseUrl(), /Refusing to run tests against registry\.hospital\.org \(E2E_DATABASE_URL\)/);
  });

  test('the test server itself is checked before any database is named on it', () => {
    process.env.TEST_DATABASE_ADMIN_URL = 'postgres://postgres@10.0.0.5:5432/postgres';
    delete process.env.E2E_DATABASE_URL;
    assert.throws(() => testAdminUrl(), /Refusing to run tests against 10\.0\.0\.5 \(TEST_DATABASE_ADMIN_URL\)/);
    assert.throws(() => testDatabaseUrl('dm_bench'), /10\.0\.0\.5/);
    assert.throws(() => e2eDatabaseUrl(), /10\.0\.0\.5/);
  });
});
