import { asc, gt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { auditLog } from './schema';

// Walks the audit chain in `seq` order, a batch at a time, and recomputes every hash with the
// database's own audit_entry_hash (the function the insert trigger uses).
// What it can tell: an entry changed in place (its hash no longer matches its content), an
// entry removed from the middle (a gap in seq), entries reordered or rewritten with a new hash
// (prev_hash no longer names the entry before). What no chain can tell on its own: the last
// entries removed together; keep a copy of the latest `hash` elsewhere to catch that.

export type ChainProblem = 'gap' | 'link' | 'altered';

export type ChainResult =
  | { ok: true; count: number; lastHash: string | null }
  | { ok: false; count: number; seq: number; id: number; problem: ChainProblem; message: string };

const DEFAULT_BATCH = 1000;

export async function verifyAuditChain(db: Db, { batchSize = DEFAULT_BATCH }: { batchSize?: number } = {}): Promise<ChainResult> {
  let count = 0;
  let prevSeq = 0;
  let prevHash: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: auditLog.id,
        seq: auditLog.seq,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
        computed: sql<string>`audit_entry_hash(${auditLog.prevHash}, ${auditLog.seq}, ${auditLog.id}, ${auditLog.at}, ${auditLog.actorId}, ${auditLog.action}, ${auditLog.entity}, ${auditLog.entityId}, ${auditLog.before}, ${auditLog.after}, ${auditLog.reason}, ${auditLog.correlationId}, ${auditLog.viaToken})`,
      })
      .from(auditLog)
      .where(gt(auditLog.seq, prevSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    for (const row of rows) {
      const seq = Number(row.seq);
      const id = Number(row.id);
      const bad = (problem: ChainProblem, message: string): ChainResult => ({
        ok: false,
        count,
        seq,
        id,
        problem,
        message: `audit entry seq ${seq} (id ${id}): ${message}`,
      });
      if (seq !== prevSeq + 1) {
        const missing = seq === prevSeq + 2 ? `entry ${prevSeq + 1} is` : `entries ${prevSeq + 1}–${seq - 1} are`;
        return bad('gap', `removed or gap: ${missing} missing before it`);
      }
      if ((row.prevHash ?? null) !== prevHash) {
        const what = prevSeq === 0 ? 'the first entry names a predecessor' : `its prev_hash is not the hash of entry ${prevSeq}`;
        return bad('link', `link broken (entries reordered, or one before it rewritten): ${what}`);
      }
      if (row.computed !== row.hash) return bad('altered', 'altered: its content no longer matches its hash');
      count += 1;
      prevSeq = seq;
      prevHash = row.hash;
    }
    if (rows.length < batchSize) return { ok: true, count, lastHash: prevHash };
  }
}
