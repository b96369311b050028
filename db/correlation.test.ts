import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, gt, max, sql } from 'drizzle-orm';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { selectRows, type Db } from './client';
import { verifyAuditChain } from './audit-verify';
import { writeAudit } from './audit';
import { asOneAction, currentCorrelationId } from './correlation';
import { createAdverseEvent } from './queries/adverse-events';
import { createPatient } from './queries/patients';
import { createVisit, updateVisit } from './queries/visits';
import { auditLog } from './schema';
import { databaseWithTwoSites, importPilot, patientInput, visitInput } from '@/test-support/db';

let db: Db;
let siteA: string;
let cohortId: string;
const ACTOR = 'user-clinician-a';

databaseWithTwoSites((world) => ({ db, siteA, cohortId } = world));

async function lastSeq(): Promise<number> {
  const [row] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return row?.seq ?? 0;
}

/** The entries `write` leaves, in chain order. */
async function entriesOf(write: () => Promise<unknown>) {
  const from = await lastSeq();
  await write();
  return db.select().from(auditLog).where(gt(auditLog.seq, from)).orderBy(asc(auditLog.seq));
}

const fatalEvent = (deathDate: string) =>
  adverseEventSchema.parse({
    term: 'Pulmonary embolism',
    category: 'thromboembolic',
    onsetDate: deathDate,
    endDate: deathDate,
    ctcaeGrade: '5',
    seriousDeath: true,
    outcome: 'fatal',
    deathDate,
    stopJakiAtDeath: true,
  });

const newPatient = () => createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });

describe('the entries of one user action share a correlation id', () => {
  test('a grade 5 event inside an action: the death on the patient and the event carry the action’s id', async () => {
    const patientId = await newPatient();
    let opened: string | null = null;
    const entries = await entriesOf(() =>
      asOneAction(async () => {
        opened = currentCorrelationId();
        await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: fatalEvent('2024-06-01') });
      }),
    );
    assert.deepEqual(entries.map((e) => [e.entity, e.action]), [['patient', 'update'], ['adverse_event', 'create']]);
    assert.match(opened!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(entries.map((e) => e.correlationId), [opened, opened]);
  });

  test('an action of two transactions (a visit saved, then corrected) is one id; the next action another', async () => {
    const patientId = await newPatient();
    const first = await entriesOf(() =>
      asOneAction(async () => {
        const visitId = await createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
        await updateVisit(db, { actorId: ACTOR, siteIds: [siteA], visitId, version: 1, reason: 'HAQ misread', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', haq: '0.5' }) });
      }),
    );
    assert.equal(first.length, 2);
    assert.equal(first[0]!.correlationId, first[1]!.correlationId);
    const second = await entriesOf(() =>
      asOneAction(() => createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-05-01', visitType: 'follow_up' }) })),
    );
    assert.notEqual(second[0]!.correlationId, first[0]!.correlationId);
  });

  test('an action opened inside another is part of it', async () => {
    const ids = await asOneAction(async () => [currentCorrelationId(), await asOneAction(async () => currentCorrelationId())]);
    assert.equal(ids[0], ids[1]);
    assert.equal(currentCorrelationId(), null);
  });

  test('without an action, the database gives the entries of one transaction one id, and each transaction its own', async () => {
    const patientId = await newPatient();
    const fatal = await entriesOf(() => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: fatalEvent('2024-07-01') }));
    assert.equal(fatal.length, 2);
    assert.match(fatal[0]!.correlationId!, /^[0-9a-f-]{36}$/);
    assert.equal(fatal[0]!.correlationId, fatal[1]!.correlationId);
    const apart = await entriesOf(async () => {
      await writeAudit(db, { actorId: ACTOR, action: 'export', entity: 'report', entityId: 'one' });
      await writeAudit(db, { actorId: ACTOR, action: 'export', entity: 'report', entityId: 'two' });
    });
    assert.equal(new Set([...apart, ...fatal].map((e) => e.correlationId)).size, 3);
  });

  test("an import's entries (written by PostgreSQL, a thousand at a time) carry the action's id", async () => {
    let opened: string | null = null;
    const entries = await entriesOf(() =>
      asOneAction(async () => {
        opened = currentCorrelationId();
        await importPilot(db);
      }),
    );
    assert.ok(entries.length > 10, `${entries.length} entries`);
    assert.deepEqual([...new Set(entries.map((e) => e.correlationId))], [opened]);
  });
});

describe('the correlation id in the hash chain', () => {
  test('the chain verifies with the new column', async () => {
    const result = await verifyAuditChain(db, { batchSize: 7 });
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  test('the id is hashed: an entry regrouped after the fact is named as altered', async () => {
    let result: Awaited<ReturnType<typeof verifyAuditChain>> | undefined;
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger user`);
        await tx.execute(sql`update audit_log set correlation_id = 'another-action' where seq = (select max(seq) from audit_log)`);
        result = await verifyAuditChain(tx);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.equal(result?.ok, false);
    assert.equal(result?.ok === false && result.problem, 'altered');
  });

  test('an entry without an id (every entry written before the column) hashes as it did before it', async () => {
    const [row] = await selectRows<{ now: string; before: string }>(
      db,
      sql`select
        audit_entry_hash('prev', 7, 9, '2024-01-02T03:04:05Z', 'actor', 'update', 'visit', 'id', '{"a":1}', '{"a":2}', 'why', null, null) as now,
        encode(sha256(convert_to(jsonb_build_array('prev', 7, 9, '2024-01-02T03:04:05.000000Z', 'actor', 'update', 'visit', 'id', '{"a": 1}', '{"a": 2}', 'why')::text, 'UTF8')), 'hex') as before`,
    );
    assert.equal(row!.now, row!.before);
  });
});
