import { env } from '@/server/env';

// Session and sign-in rules, read from the settings (server/env.ts, README, .env.example). No
// database, so that the rules are tested apart from it.

export type AuthPolicy = {
  /** A session unused this long ends: clinic workstations are shared. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  maxSessionHours: number;
  /** This many failed sign-ins in a row for one email address lock it... */
  maxFailures: number;
  /** ...for this long. */
  lockMinutes: number;
};

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

/**
 * How long to hold back the answer to a failed sign-in: nothing for the first mistake, then
 * doubling from half a second up to 8 s, so that guessing slows down long before the lock.
 */
export function failureDelayMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(8000, 500 * 2 ** (failures - 2));
}

/** The email address as it keys the failure count: case and surrounding spaces do not make a new one. */
export function signInKey(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
