import 'server-only';
import type { z } from 'zod';
import { problemResponse as problem } from '@/lib/api/problem';
import { fieldErrorsOf } from '@/lib/action-errors';
import { faultResponse } from '@/lib/db-unavailable';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '@/lib/errors';

// The record routes' refusals as RFC 9457 problems (lib/api/problem.ts): the data layer's
// deliberate errors and the routes' own refusals map to their statuses here, once for every
// route, each refused field by its JSON pointer with the form's message.

/** A refusal a route decides itself (a bad query, a role that may not write), thrown to the wrapper. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: FieldErrors,
  ) {
    super(detail);
    this.name = 'ApiRefusal';
  }
}

/** A body that failed the form's schema: 422, each field by its pointer. */
export function invalidBody(error: z.ZodError): ApiRefusal {
  return new ApiRefusal(422, 'Some fields are not valid. Nothing was saved.', fieldErrorsOf(error));
}

/** A query string that failed its schema: 400, each parameter by its pointer ("#/limit") and in the detail. */
export function invalidQuery(error: z.ZodError): ApiRefusal {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) errors[key] ??= `${key} is not a parameter of this list`;
    else errors[issue.path.map(String).join('.')] ??= issue.message;
  }
  return new ApiRefusal(400, `A query parameter is not valid: ${Object.values(errors).join('; ')}.`, errors);
}

/**
 * What a failure answers: the data layer's deliberate errors by their status; anything else
 * as lib/db-unavailable.ts's faultResponse answers it, for a route that may have written.
 */
export function problemOf(e: unknown, where: string): Response {
  if (e instanceof ApiRefusal) return problem(e.status, e.message, { errors: e.errors });
  if (e instanceof ValidationError) return problem(422, `${e.message} Nothing was saved.`, { errors: e.fieldErrors });
  if (e instanceof ConflictError) return problem(409, e.message);
  if (e instanceof NotFoundError) return problem(404, `${e.message}, or not one of your sites' records.`);
  if (e instanceof ForbiddenError) return problem(403, e.message);
  return faultResponse(where, e, { saving: true });
}

/** Wraps an API route's handler so that every failure answers a problem (see problemOf). */
export function withProblems<A extends unknown[]>(where: string, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      return problemOf(e, where);
    }
  };
}
