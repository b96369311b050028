import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

// db/clean-errors.ts wraps this drizzle internal so that a query failing for want of a database
// reports it cleanly (no parameters in logs). A drizzle upgrade that renames it must fail here,
// not silently bring parameters back into the logs.
test('drizzle still has the query method db/clean-errors.ts wraps', () => {
  assert.equal(typeof (PgPreparedQuery.prototype as unknown as { queryWithCache?: unknown }).queryWithCache, 'function');
});
