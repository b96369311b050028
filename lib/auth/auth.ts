import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { writeAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { isDeactivated } from '@/db/queries/users';
import * as schema from '@/db/schema';
import { errorSummary, logUnavailable, unavailableCode } from '@/lib/db-unavailable';
import { authSecret } from './secret';

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

function createAuth(db: Awaited<ReturnType<typeof getDb>>) {
  return betterAuth({
    appName: 'DM JAKi registry',
    baseURL: process.env.BETTER_AUTH_URL ?? 'http://localhost:3000',
    secret: authSecret(),
    database: drizzleAdapter(db, { provider: 'pg', schema }),
    // Accounts are made by an admin (admin page or `npm run user:create`), never by sign-up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    user: { additionalFields: { role: { type: 'string', input: false, defaultValue: 'clinician' } } },
    // Every sign-in leaves an audit entry: who, from where, with what browser; nothing else.
    databaseHooks: {
      session: {
        create: {
          // A deactivated account gets no session, whatever its password.
          before: async (session) => !(await isDeactivated(db, session.userId)),
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
  globalForAuth.__dmAuth ??= getDb().then(createAuth);
  return globalForAuth.__dmAuth;
}
