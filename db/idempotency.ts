import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { ConflictError } from '@/lib/errors';
import type { Db } from './client';
import { idempotencyKeys } from './schema';

type Claim = { key: string | undefined; actorId: string; action: string };

/**
 * Call first in a create's transaction. Returns the id of the record an earlier submission with
 * the same key created, or null when this is the first (the key is then held: a concurrent
 * second submission waits on it until this transaction ends, then gets this one's record).
 */
export async function earlierRecord(tx: Db, { key, actorId, action }: Claim): Promise<string | null> {
  if (!key) return null;
  const claimed = await tx.insert(idempotencyKeys).values({ key, actorId, action }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length) return null;
  const [earlier] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
  if (!earlier?.recordId || earlier.actorId !== actorId || earlier.action !== action)
    throw new ConflictError('This form was already submitted: reload the page to enter a new record. Nothing was saved.');
  return earlier.recordId;
}

/** Records what the first submission created, in the same transaction. */
export async function rememberRecord(tx: Db, key: string | undefined, recordId: string): Promise<void> {
  if (key) await tx.update(idempotencyKeys).set({ recordId }).where(sql`${idempotencyKeys.key} = ${key}`);
}
