import { problemResponse } from './api/problem';

// Tells a database that cannot be reached (stopped, restarting, unreachable, out of
// connections) from every other failure, so that callers answer "temporarily unavailable"
// rather than a generic error, and so that nothing about the query (which can hold patient
// data) reaches a log or a page. Used by the server actions (server/action.ts), the API routes, the health check and
// the session lookup behind every page.

/** Node socket errors on the way to the server. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** postgres.js's own connection errors. */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

/**
 * SQLSTATEs of a server going away or refusing new sessions: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down),
 * 53300 too_many_connections; class 08 is connection_exception.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

type Failure = { code?: unknown; address?: unknown; query?: unknown; cause?: unknown; errors?: unknown };

function connectionCode(e: Failure): string | null {
  const code = typeof e.code === 'string' ? e.code : null;
  if (!code) return null;
  if (SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return code;
  // A Unix socket that is not there (the server is down): only when it is PostgreSQL's socket.
  if (code === 'ENOENT' && typeof e.address === 'string' && e.address.includes('.s.PGSQL.')) return code;
  return null;
}

/** The errors inside `error`: itself, its causes (drizzle wraps the driver's error) and an AggregateError's members. */
function* chain(error: unknown, depth = 0): Generator<Failure> {
  if (!error || typeof error !== 'object' || depth > 5) return;
  const e = error as Failure;
  yield e;
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
  if (e.cause !== error) yield* chain(e.cause, depth + 1);
}

/** The connection code (ECONNREFUSED, 57P01, CONNECT_TIMEOUT, ...) when `error` means the database cannot be reached; else null. */
export function unavailableCode(error: unknown): string | null {
  if (error instanceof DatabaseUnavailableError) return error.code;
  for (const e of chain(error)) {
    const code = connectionCode(e);
    if (code) return code;
  }
  return null;
}

/**
 * True when the connection failed on the COMMIT itself: the server may have committed before
 * it went away, so the caller cannot say that nothing was saved.
 */
export function failedOnCommit(error: unknown): boolean {
  for (const e of chain(error)) if (typeof e.query === 'string' && /^\s*commit\b/i.test(e.query)) return true;
  return false;
}

/** The digest Next.js hands to the error boundary (messages are hidden in production; a digest set here is kept). */
export const DATABASE_UNAVAILABLE_DIGEST = 'DATABASE_UNAVAILABLE';

export const UNAVAILABLE_MESSAGE = 'The database is temporarily unavailable. Please try again in a moment.';
export const UNAVAILABLE_SAVE_MESSAGE = 'The database is temporarily unavailable. Nothing was saved; please try again in a moment.';
export const UNCERTAIN_SAVE_MESSAGE =
  'The database became unavailable while saving, so it is not known whether this was saved. Reload the page to check before trying again.';

/** Seconds a client should wait before trying again (the Retry-After of a 503). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * What pages and routes throw instead of the driver's error: a fixed message (no query, no
 * parameters) and a digest the error boundary recognises.
 */
export class DatabaseUnavailableError extends Error {
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(readonly code: string) {
    super(UNAVAILABLE_MESSAGE);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Throws a clean DatabaseUnavailableError in place of a connection error; other errors pass through unchanged. */
export function rethrowUnavailable(error: unknown): never {
  const code = unavailableCode(error);
  if (code && !(error instanceof DatabaseUnavailableError)) throw new DatabaseUnavailableError(code);
  throw error;
}

/** The 503 answer of an API route while the database cannot be reached. */
export function unavailableResponse(extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { ...extra, error: UNAVAILABLE_MESSAGE, code: 'database_unavailable' },
    { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store' } },
  );
}

/** One log line for a connection failure: the code only, never the query or its parameters. */
export function logUnavailable(where: string, code: string): void {
  console.error(`${where}: database unavailable (${code})`);
}

/**
 * An error for the log without its message, which can hold a query's parameters (patient
 * data, a session token): its name, its code and its causes', and its stack frames.
 */
export function errorSummary(error: unknown): string {
  const parts: string[] = [];
  for (const e of chain(error)) {
    const name = (e as { name?: unknown }).name;
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? ` ${String(e.code)}` : '';
    parts.push(`${typeof name === 'string' ? name : 'error'}${code}`);
  }
  const stack = typeof (error as { stack?: unknown })?.stack === 'string' ? (error as { stack: string }).stack : '';
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 8);
  return [parts.join(' <- ') || String(typeof error), ...frames].join('\n');
}

/**
 * An API route's answer to a failure nobody meant, as a problem (lib/api/problem.ts): 503
 * while the database cannot be reached (code database_unavailable; for a write that lost its
 * connection while committing, that it may have been saved), else 500, logged without its
 * message (see errorSummary). `saving`: the route writes, and its answers say so.
 */
export function faultResponse(where: string, e: unknown, { saving = false } = {}): Response {
  const code = unavailableCode(e);
  if (code) {
    logUnavailable(where, code);
    const detail = saving && failedOnCommit(e) ? UNCERTAIN_SAVE_MESSAGE : UNAVAILABLE_MESSAGE;
    return problemResponse(503, detail, { code: 'database_unavailable', headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
  }
  console.error(`${where} failed: ${errorSummary(e)}`);
  return problemResponse(500, saving ? 'The server could not answer just now. Nothing was saved; please try again.' : 'The server could not answer just now. Please try again.');
}

/** Wraps an API route handler: any failure is answered by faultResponse. */
export function withDatabase<A extends unknown[]>(name: string, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      return faultResponse(name, e);
    }
  };
}
