// Reads a constraint violation out of a driver error. Both drivers report the SQLSTATE in
// `code`; drizzle wraps the driver's error in `cause`.

type PgError = { code?: string; constraint_name?: string; constraint?: string; cause?: unknown };

export type Violation = { kind: 'unique' | 'foreign_key'; constraint: string };

const KINDS: Record<string, Violation['kind']> = { '23505': 'unique', '23503': 'foreign_key' };

export function constraintViolation(error: unknown): Violation | null {
  let e = error as PgError | undefined;
  for (let depth = 0; e && depth < 3; depth++) {
    const kind = e.code ? KINDS[e.code] : undefined;
    if (kind) return { kind, constraint: e.constraint_name ?? e.constraint ?? '' };
    e = e.cause as PgError | undefined;
  }
  return null;
}
