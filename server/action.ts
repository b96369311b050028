import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { failureOf } from '@/lib/action-errors';
import type { ActionResult } from '@/lib/errors';

export { fieldErrorsOf, invalid } from '@/lib/action-errors';

/**
 * Runs a server action's work and turns its errors into messages (lib/action-errors.ts);
 * Next's own signals (redirect, not found) pass through.
 */
export async function runAction<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (e) {
    unstable_rethrow(e);
    return failureOf(e);
  }
}
