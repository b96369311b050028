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

// A request made with a personal access token (docs/api-tokens.md): every entry it writes names
// the token, so the trail tells a script's writes from the user's own.
const globalForTokens = globalThis as unknown as { __dmAuditToken?: AsyncLocalStorage<string> };
const tokenUses = (globalForTokens.__dmAuditToken ??= new AsyncLocalStorage<string>());

/** Runs `work` as a use of the token named `tokenName`. */
export function asTokenUse<T>(tokenName: string, work: () => Promise<T>): Promise<T> {
  return tokenUses.run(tokenName, work);
}

/** The name of the token the running request was made with, or null. */
export function currentTokenName(): string | null {
  return tokenUses.getStore() ?? null;
}
