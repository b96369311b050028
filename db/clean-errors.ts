import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import { rethrowUnavailable, unavailableCode } from '@/lib/db-unavailable';

let onUnavailable: ((code: string) => void) | null = null;

/**
 * drizzle reports a failed query as an error whose message and properties hold the query's
 * parameters (patient data, session tokens), which Next.js would log for a page. A query that
 * fails because the database cannot be reached is reported instead as a
 * DatabaseUnavailableError: a fixed message, and the digest the error page recognises.
 * Every other error is left as drizzle reports it.
 *
 * `whenUnavailable` is told of each such failure, with its code (db/drivers.ts renews its
 * connections).
 *
 * This wraps a drizzle internal (PgPreparedQuery.queryWithCache); db/clean-errors.test.ts
 * fails if an upgrade renames it.
 */
export function reportUnavailableCleanly(whenUnavailable?: (code: string) => void) {
  if (whenUnavailable) onUnavailable = whenUnavailable;
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: (...args: unknown[]) => Promise<unknown>; dmUnavailable?: true };
  if (proto.dmUnavailable || typeof proto.queryWithCache !== 'function') return;
  const original = proto.queryWithCache;
  proto.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await original.apply(this, args);
    } catch (e) {
      const code = onUnavailable && unavailableCode(e);
      if (code) onUnavailable!(code);
      rethrowUnavailable(e);
    }
  };
  proto.dmUnavailable = true;
}
