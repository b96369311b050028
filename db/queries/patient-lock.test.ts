import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNull } from 'drizzle-orm';
import postgres from 'postgres';
import { ValidationError } from '@/lib/errors';
import { createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, visitInput, type TestDatabase } from '@/test-support/db';
import type { Db } from '../client';
import { visits } from '../schema';
import { createPatient } from './patients';
import { createVisit } from './visits';
import { voidVisit } from './void';

// Every write that depends on a patient's records locks the patient first (lockPatient), so
// two such writes for one patient run one after the other, whatever they touch.

let t: TestDatabase;
let db: Db;
let siteId: string;
let cohortId: string;
const ACTOR = 'user-clinician';

/** The audit chain's lock (migration 0002_audit_chain): every write takes it for its audit entry. */
const AUDIT_CHAIN_LOCK = 1635083369;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteId = (await makeSite(db)).id;
  cohortId = (await makeCohort(db)).id;
});

after(async () => {
  await t?.cleanup();
});

/**
 * Holds the audit chain's lock in a transaction of its own until released: writers then run up
 * to their audit entry and wait there, unless they already wait for each other.
 */
async function holdAuditChain(sql: postgres.Sql) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const isTaken = new Promise<void>((resolve) => (taken = resolve));
  const holding = sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    taken();
    await released;
  });
  await isTaken;
  return async () => {
    release();
    await holding;
  };
}

/** What the database's other sessions wait for, once `count` of them wait on a lock. */
async function lockWaits(sql: postgres.Sql, count: number): Promise<string[]> {
  for (let i = 0; i < 200; i++) {
    const rows = await sql<{ wait: string }[]>`
      select wait_event as wait from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
    if (rows.length >= count) return rows.map((r) => r.wait).sort();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} sessions ever waited on a lock`);
}

describe('writes for one patient wait for each other', postgresOnly('two transactions at once need two connections to one server'), () => {
  test('voiding the baseline while a follow-up is saved: one waits for the other, and no follow-up is left without its baseline', async () => {
    const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId }) });
    const baseline = await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
    const sql = postgres(t.url, { max: 2, onnotice: () => {} });
    try {
      const release = await holdAuditChain(sql);
      const voiding = voidVisit(db, { actorId: ACTOR, siteIds: [siteId], id: baseline, version: 1, reason: 'Wrong patient' });
      const saving = createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-04-10', visitType: 'follow_up' }) });
      let waits: string[];
      try {
        waits = await lockWaits(sql, 2);
      } finally {
        await release();
      }
      // One reached its audit entry (the chain's advisory lock); the other waits for it on the patient's row.
      assert.deepEqual(waits, ['advisory', 'transactionid']);

      const [voided, saved] = await Promise.allSettled([voiding, saving]);
      const outcomes = [voided.status, saved.status].sort();
      assert.deepEqual(outcomes, ['fulfilled', 'rejected'], 'one write goes through, the other is refused');
      const refusal = voided.status === 'rejected' ? voided.reason : saved.status === 'rejected' ? saved.reason : null;
      assert.ok(refusal instanceof ValidationError, String(refusal));

      const left = await db
        .select({ visitType: visits.visitType })
        .from(visits)
        .where(and(eq(visits.patientId, patientId), isNull(visits.voidedAt)));
      const types = left.map((v) => v.visitType).sort();
      // The void went first (the follow-up then has no baseline to follow), or the save did (the
      // baseline then has a follow-up and stays).
      assert.ok(JSON.stringify(types) === '[]' || JSON.stringify(types) === '["baseline","follow_up"]', `visits left: ${JSON.stringify(types)}`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
