// Session and sign-in rules (their values come from the settings: server/auth/policy.ts). Pure,
// so that the rules are tested apart from the database and the environment.

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

/**
 * How long to hold back the answer to a failed sign-in: nothing for the first mistake, then
 * doubling from half a second up to 8 s, so that guessing slows down long before the lock.
 */
export function failureDelayMs(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(8000, 500 * 2 ** (failures - 2));
}

/** What a locked account is told, whatever it tried (a sign-in, a signature). */
export function lockedMessage(until: Date): string {
  return `Too many failed sign-ins: this account is locked until ${until.toISOString().slice(11, 16)} UTC. Try again then.`;
}

/**
 * What a deactivated account is told, and only once its password proved right: a wrong password
 * gets the same answer as for any account, so guessing learns nothing. `code`: how the refusal
 * reaches the sign-in form through better-auth.
 */
export const DEACTIVATED = { code: 'ACCOUNT_DEACTIVATED', message: 'This account is deactivated. Ask an administrator.' } as const;

/** The email address as it keys the failure count: case and surrounding spaces do not make a new one. */
export function signInKey(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
