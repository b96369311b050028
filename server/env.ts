import 'server-only';
import { z } from 'zod';

// Every setting the app reads from its environment (.env.example, README), checked in one
// place: the server checks them when it starts (instrumentation.ts) and refuses to start with
// a message naming each bad or missing one, instead of falling back in silence. Tools and tests
// read them through env() too. Variables of the tools around the app (Next.js's NODE_ENV and
// NEXT_RUNTIME, the test runners' TEST_DATABASE_ADMIN_URL, E2E_*, CHROMIUM_PATH) are not
// settings of the app and stay where they are read.

/** The address the demo answers at when BETTER_AUTH_URL is unset (embedded database only). */
export const DEMO_AUTH_URL = 'http://localhost:3000';

/** A blank value (`DATABASE_POOL_MAX=` in a .env file) counts as unset, as it always has. */
const unsetIfBlank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function setting<T extends z.ZodType>(schema: T) {
  return z.preprocess(unsetIfBlank, schema.optional());
}

/** A number above 0, e.g. minutes; `whole` for counts. Written plainly: no 1e3 or 0x10. */
function positive(fallback: number, { unit, whole = false }: { unit: string; whole?: boolean }) {
  const expected = `must be ${whole ? 'a whole number' : 'a number'} of ${unit} above 0, e.g. ${fallback} (the default when unset)`;
  const pattern = whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  return z.preprocess(
    (value) => unsetIfBlank(typeof value === 'string' ? value.trim() : value),
    z
      .string({ error: expected })
      .regex(pattern, { error: expected })
      .transform(Number)
      .refine((n) => n > 0, { error: expected })
      .default(fallback),
  );
}

function hasProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

// Values are never repeated in the messages: DATABASE_URL may hold a password, the secret is one.
const fields = {
  DATABASE_URL: setting(
    z.string().refine((v) => hasProtocol(v, ['postgres:', 'postgresql:']), {
      error: 'must be a PostgreSQL URL, postgres://user:password@host:5432/database (leave it unset for the embedded database)',
    }),
  ),
  DATABASE_POOL_MAX: positive(10, { unit: 'connections', whole: true }),
  DATABASE_CONNECT_TIMEOUT: positive(10, { unit: 'seconds' }),
  PGLITE_DIR: setting(z.string()),
  PG_BIN_DIR: setting(z.string()),
  BETTER_AUTH_URL: setting(
    z.string().refine((v) => hasProtocol(v, ['http:', 'https:']), { error: 'must be the http:// or https:// address users open, e.g. https://registry.example.org' }),
  ),
  BETTER_AUTH_SECRET: setting(z.string().min(32, { error: 'must be at least 32 characters: make one with `openssl rand -base64 32`' })),
  SESSION_IDLE_MINUTES: positive(30, { unit: 'minutes' }),
  SESSION_MAX_HOURS: positive(12, { unit: 'hours' }),
  SIGN_IN_MAX_FAILURES: positive(5, { unit: 'failed sign-ins', whole: true }),
  SIGN_IN_LOCK_MINUTES: positive(15, { unit: 'minutes' }),
  SIGN_IN_RATE_LIMIT: positive(30, { unit: 'requests per minute', whole: true }),
};

const SETTING_NAMES = Object.keys(fields) as (keyof typeof fields)[];

const withDemoUrl = <T extends { BETTER_AUTH_URL?: string | undefined }>(e: T) => ({ ...e, BETTER_AUTH_URL: e.BETTER_AUTH_URL ?? DEMO_AUTH_URL });

const toolSchema = z.object(fields).transform(withDemoUrl);

/**
 * A server on PostgreSQL may be one of several instances behind a balancer: each must sign
 * sessions with the same secret and know the address users open. Only the demo (embedded
 * database, one process) makes its own secret (lib/auth/secret.ts) and answers at localhost.
 */
const serverSchema = z
  .object(fields)
  .superRefine((e, ctx) => {
    if (!e.DATABASE_URL) return;
    if (!e.BETTER_AUTH_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required with DATABASE_URL: every instance must sign sessions with the same secret (make one with `openssl rand -base64 32`)',
      });
    if (!e.BETTER_AUTH_URL)
      ctx.addIssue({ code: 'custom', path: ['BETTER_AUTH_URL'], message: 'is required with DATABASE_URL: the address users open, e.g. https://registry.example.org' });
  })
  .transform(withDemoUrl);

export type Env = z.output<typeof toolSchema>;

/** The settings that are wrong, each named, e.g. "DATABASE_POOL_MAX must be a whole number...". */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Settings in the environment are not valid (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

type Source = Record<string, string | undefined>;

function parse(schema: typeof toolSchema | typeof serverSchema, source: Source): Env {
  const result = schema.safeParse(Object.fromEntries(SETTING_NAMES.map((name) => [name, source[name]])));
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
}

// Tests and tools point DATABASE_URL elsewhere while a process runs, so the settings are read
// again whenever one of them changed; otherwise the last reading is reused.
const readings = new Map<string, { key: string; env: Env }>();

function cached(kind: 'tool' | 'server', schema: typeof toolSchema | typeof serverSchema): Env {
  const key = JSON.stringify(SETTING_NAMES.map((name) => process.env[name] ?? null));
  const last = readings.get(kind);
  if (last?.key === key) return last.env;
  const env = parse(schema, process.env);
  readings.set(kind, { key, env });
  return env;
}

/**
 * The settings as any process needs them (the database, the tools): each one's form is
 * checked; BETTER_AUTH_SECRET and BETTER_AUTH_URL may be missing. Throws EnvError.
 */
export function env(source?: Source): Env {
  return source ? parse(toolSchema, source) : cached('tool', toolSchema);
}

/**
 * The settings as the web server needs them: as env(), and with DATABASE_URL set,
 * BETTER_AUTH_SECRET and BETTER_AUTH_URL are required. Throws EnvError.
 */
export function serverEnv(source?: Source): Env {
  return source ? parse(serverSchema, source) : cached('server', serverSchema);
}
