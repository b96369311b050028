import { z } from 'zod';

/**
 * The key a create form makes when it opens and sends with every submission of it, so that a
 * double click or a retry after a timeout creates one record (db/idempotency.ts).
 */
export const requestKeySchema = z.uuid('The form’s submission key is not valid: reload the page.').optional();

/** A random (v4) UUID. crypto.randomUUID exists only on HTTPS pages; getRandomValues everywhere. */
export function newRequestKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Calls a server action from a form; when the answer is lost (network down, server restarting),
 * says so instead of failing silently. The form keeps what was typed, and pressing Save again
 * sends the same request key, so the record is created at most once.
 */
export async function sendForm<T extends { ok: boolean }>(call: () => Promise<T>): Promise<T | { ok: false; message: string }> {
  try {
    return await call();
  } catch {
    return { ok: false, message: 'The server did not answer. What you typed is kept: press Save again (it will not be saved twice).' };
  }
}
