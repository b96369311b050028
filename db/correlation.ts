import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

// One user action (a form saved, a sign-in, an import, a command run) can write several audit
// entries: a grade 5 adverse event writes the event and the patient's death. They carry one
// correlation id, opened here around the action and written by every audit writer
// (db/audit.ts, db/insert-many.ts) on each entry the action writes, whatever its transactions.
// Without an open action the database gives the entries of one transaction one id of their own
// (migration 0010_audit_correlation).

// On globalThis: Next.js may load this module more than once, and the writers must see the
// action the wrapper opened.
const globalForActions = globalThis as unknown as { __dmAuditAction?: AsyncLocalStorage<string> };
const actions = (globalForActions.__dmAuditAction ??= new AsyncLocalStorage<string>());

/** Runs `work` as one action; inside an action already open, as part of it. */
export function asOneAction<T>(work: () => Promise<T>): Promise<T> {
  return actions.getStore() ? work() : actions.run(randomUUID(), work);
}

/** The correlation id of the action running, or null outside any. */
export function currentCorrelationId(): string | null {
  return actions.getStore() ?? null;
}
