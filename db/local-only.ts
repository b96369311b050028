// The databases tests, the end-to-end server, benchmarks and load runs may touch: only ever on
// a PostgreSQL server of this machine, since they create, fill, seed demo users with a known
// password into, and drop databases. Plain Node (no server-only imports), so that the
// Playwright specs can use it too.

export const DEFAULT_TEST_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Throws unless `url` is a postgres:// URL on this machine; `what` names where it came from
 * (an environment variable) in the message. The URL itself is never repeated: it may hold a
 * password.
 */
export function assertLocalDatabaseUrl(url: string, what = 'TEST_DATABASE_ADMIN_URL'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a URL`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new Error(`Refusing to run tests: ${what} is a ${parsed.protocol} URL, not a PostgreSQL one`);
  if (!LOCAL_HOSTS.has(parsed.hostname))
    throw new Error(`Refusing to run tests against ${parsed.hostname || 'an unnamed host'} (${what}): only a local server (127.0.0.1, localhost, ::1) may be used`);
  return parsed;
}

/** The server tests make their databases on: TEST_DATABASE_ADMIN_URL, checked. */
export function testAdminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL;
  assertLocalDatabaseUrl(url);
  return url;
}

/** `name` on the test server. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(testAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The end-to-end server's database: E2E_DATABASE_URL, or `dm_e2e` on the test server; checked. */
export function e2eDatabaseUrl(): string {
  const given = process.env.E2E_DATABASE_URL;
  if (!given) return testDatabaseUrl('dm_e2e');
  assertLocalDatabaseUrl(given, 'E2E_DATABASE_URL');
  return given;
}
