import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getIP, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { writeAudit } from '@/db/audit';
import { getDb, type Db } from '@/db/client';
import { auditSignIn, clearSignInFailures, countRefusedPassword, lockedUntil } from '@/db/queries/sign-in';
import { isDeactivated } from '@/db/queries/users';
import * as schema from '@/db/schema';
import { errorSummary, logUnavailable, unavailableCode } from '@/lib/db-unavailable';
import { serverEnv } from '@/server/env';
import { DEACTIVATED, failureDelayMs, lockedMessage, signInKey } from '@/lib/auth/policy';
import { recordedAddress } from '@/lib/security/address';
import { authPolicy } from './policy';
import { authSecret } from './secret';

const SIGN_IN = '/sign-in/email';

/** better-auth's log lines, with errors reduced to their names and codes (see errorSummary). */
function logSafely(level: 'debug' | 'info' | 'warn' | 'error', message: string, ...args: unknown[]) {
  const unavailable = args.map(unavailableCode).find(Boolean);
  if (unavailable) return logUnavailable('[Better Auth]', unavailable);
  const details = args.map((a) => (a instanceof Error ? `\n${errorSummary(a)}` : '')).join('');
  const text = `[Better Auth] ${level}: ${message.split('\nparams:')[0]}${details}`;
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else if (level === 'info') console.info(text);
}

/**
 * The client's address as the request gives it, whole. better-auth keys its rate limits on an
 * IPv6 address's /64 prefix (one attacker holds a whole /64) and stores that prefix as the
 * session's address too, so the loopback ::1 read as all zeros; the session and its audit
 * entry keep the address itself, in one spelling (lib/security/address.ts).
 */
export function clientAddress(headers: Headers | undefined): string | null {
  if (!headers) return null;
  return recordedAddress(getIP(headers, { advanced: { ipAddress: { ipv6Subnet: 128 } } }));
}

/** `source`: the environment to read the settings from (tests); the process's by default. */
export function createAuth(db: Db, source?: Record<string, string | undefined>) {
  const settings = serverEnv(source);
  const policy = authPolicy(source);

  return betterAuth({
    appName: 'DM JAKi registry',
    baseURL: settings.BETTER_AUTH_URL,
    secret: authSecret(settings.BETTER_AUTH_SECRET),
    database: drizzleAdapter(db, { provider: 'pg', schema }),
    // Accounts are made by an admin (admin page or `npm run user:create`), never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    // A session lasts at most maxSessionHours from sign-in (never extended); the idle rule is
    // checked on every request against the session's last use (server/auth/session.ts).
    session: { expiresIn: policy.maxSessionHours * 3600, updateAge: policy.maxSessionHours * 3600 },
    user: { additionalFields: { role: { type: 'string', input: false, defaultValue: 'clinician' } } },
    // Requests per client address to /api/auth, counted in the database (shared by every
    // instance). The app's own sign-in form is held back by the per-account rule below.
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 300,
      customRules: { [SIGN_IN]: { window: 60, max: settings.SIGN_IN_RATE_LIMIT } },
    },
    hooks: {
      // A locked address is refused before its password is even checked.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const email = signInKey(ctx.body?.email);
        const until = await lockedUntil(db, email);
        if (!until) return;
        await auditSignIn(db, 'sign_in_failed', email, { locked: true });
        throw new APIError('TOO_MANY_REQUESTS', { message: lockedMessage(until) });
      }),
      // Each wrong password is counted and audited, answered later and later, and locks the
      // address at the limit; a success clears the count.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== SIGN_IN) return;
        const email = signInKey(ctx.body?.email);
        const returned = ctx.context.returned;
        if (!isAPIError(returned)) {
          if (ctx.context.newSession) await clearSignInFailures(db, email);
          return;
        }
        // A deactivated account's right password: audited as refused, not counted (nothing was guessed wrong).
        if (returned.body?.code === DEACTIVATED.code) {
          await auditSignIn(db, 'sign_in_failed', email, { deactivated: true });
          return;
        }
        // Only a refused password counts: not a lock already answered, nor a request refused
        // before any password was checked (foreign origin).
        if (returned.status !== 'UNAUTHORIZED') return;
        const { failures, lockedUntil: until } = await countRefusedPassword(db, { email, policy });
        await new Promise((resolve) => setTimeout(resolve, failureDelayMs(failures)));
        if (until) throw new APIError('TOO_MANY_REQUESTS', { message: lockedMessage(until) });
      }),
    },
    // Every sign-in leaves an audit entry: who, from where, with what browser; nothing else.
    databaseHooks: {
      session: {
        create: {
          // A deactivated account gets no session. better-auth asks only once the password is
          // right (a wrong one has been refused like any other), so the refusal may say why.
          before: async (session, context) => {
            if (await isDeactivated(db, session.userId)) throw new APIError('FORBIDDEN', { ...DEACTIVATED });
            return { data: { ipAddress: clientAddress(context?.headers ?? context?.request?.headers) } };
          },
          after: async (session) => {
            await writeAudit(db, {
              actorId: session.userId,
              action: 'sign_in',
              entity: 'session',
              entityId: session.id,
              after: { ipAddress: session.ipAddress ?? null, userAgent: session.userAgent ?? null },
            });
          },
        },
      },
    },
    telemetry: { enabled: false },
    // Errors reach the caller (our routes answer 503 when the database is down, 500 otherwise)
    // instead of being logged here with the failed query's parameters (emails, session tokens).
    onAPIError: { throw: true },
    logger: { log: logSafely },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __dmAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.__dmAuth ??= getDb().then((db) => createAuth(db));
  return globalForAuth.__dmAuth;
}
