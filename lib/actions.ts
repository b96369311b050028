import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { failureOf } from './action-errors';
import { UNAVAILABLE_SAVE_MESSAGE, UNCERTAIN_SAVE_MESSAGE, failedOnCommit, logUnavailable, unavailableCode } from './db-unavailable';
import type { ActionResult } from './errors';

export { fieldErrorsOf, invalid } from './action-errors';

/**
 * Runs a server action's work and turns the data layer's deliberate errors into messages
 * (lib/action-errors.ts); Next's own signals (redirect, not found) pass through. A database
 * that cannot be reached is answered "temporarily unavailable".
 */
export async function runAction<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (e) {
    unstable_rethrow(e);
    // The database is stopped, restarting or out of reach: say so, and say whether anything
    // may have been saved (only when the connection went while committing).
    const unavailable = unavailableCode(e);
    if (unavailable) {
      logUnavailable('server action', unavailable);
      return { ok: false, message: failedOnCommit(e) ? UNCERTAIN_SAVE_MESSAGE : UNAVAILABLE_SAVE_MESSAGE };
    }
    return failureOf(e);
  }
}
