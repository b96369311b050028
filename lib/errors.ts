// Errors the data layer raises on purpose; anything else is a fault and is logged, not shown.

export type FieldErrors = Record<string, string>;

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** Someone else saved the record after this user opened it. */
export class ConflictError extends Error {
  constructor(message = 'This record was changed by someone else after you opened it. Reload to see their version; your changes were not saved.') {
    super(message);
    this.name = 'ConflictError';
  }
}

export class ValidationError extends Error {
  constructor(
    public readonly fieldErrors: FieldErrors,
    message = 'Please correct the highlighted fields.',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You are not allowed to do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export type ActionResult<T = { id: string }> =
  | ({ ok: true } & T)
  | { ok: false; message: string; fieldErrors?: FieldErrors };
