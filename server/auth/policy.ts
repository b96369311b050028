import 'server-only';
import type { AuthPolicy } from '@/lib/auth/policy';
import { env } from '@/server/env';

// The session and sign-in rules as the settings give them (server/env.ts, README, .env.example).

/** `source`: the environment to read (tests); the process's by default. */
export function authPolicy(source?: Record<string, string | undefined>): AuthPolicy {
  const settings = env(source);
  return {
    idleMinutes: settings.SESSION_IDLE_MINUTES,
    maxSessionHours: settings.SESSION_MAX_HOURS,
    maxFailures: settings.SIGN_IN_MAX_FAILURES,
    lockMinutes: settings.SIGN_IN_LOCK_MINUTES,
  };
}
