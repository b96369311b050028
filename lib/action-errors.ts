import type { z } from 'zod';
import { UNAVAILABLE_SAVE_MESSAGE, UNCERTAIN_SAVE_MESSAGE, failedOnCommit, logUnavailable, unavailableCode } from './db-unavailable';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ActionResult, type FieldErrors } from './errors';

// What a server action answers when its input is refused or its work throws. Apart from
// server/action.ts (which needs Next) so that tests can take the actions' exact path.

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

export function invalid(error: z.ZodError): ActionResult<never> {
  return { ok: false, message: 'Please correct the highlighted fields. Nothing was saved.', fieldErrors: fieldErrorsOf(error) };
}

/**
 * The data layer's deliberate errors as messages. A database that cannot be reached is
 * answered "temporarily unavailable", saying whether anything may have been saved (only when
 * the connection went while committing). Anything else is logged by name only (messages can
 * hold patient data) and answered plainly.
 */
export function failureOf(e: unknown): ActionResult<never> {
  if (e instanceof ValidationError) return { ok: false, message: `${e.message} Nothing was saved.`, fieldErrors: e.fieldErrors };
  if (e instanceof ConflictError || e instanceof ForbiddenError) return { ok: false, message: e.message };
  if (e instanceof NotFoundError) return { ok: false, message: `${e.message}, or not one of your sites' records.` };
  const unavailable = unavailableCode(e);
  if (unavailable) {
    logUnavailable('server action', unavailable);
    return { ok: false, message: failedOnCommit(e) ? UNCERTAIN_SAVE_MESSAGE : UNAVAILABLE_SAVE_MESSAGE };
  }
  const code = (e as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (e as { code?: unknown }).code;
  console.error(`server action failed: ${(e as Error)?.name ?? 'error'}${code ? ` (${String(code)})` : ''}`);
  return { ok: false, message: 'The server could not save this just now. Nothing was saved; please try again.' };
}
