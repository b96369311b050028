// A pool wide enough for the concurrent writers below; read when the test database is opened.
process.env.DATABASE_POOL_MAX = '40';

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { asc, desc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { addDays } from '@/lib/dates';
import { LINKED_AUDIT, STAGED_AUDIT, appendStagedAudit, bulkAudit, writeAuditMany, writeAudit, type AuditEntry } from './audit';
import { verifyAuditChain, type ChainResult } from './audit-verify';
import { selectRows, type Db } from './client';
import { createPatient } from './queries/patients';
import { createVisit } from './queries/visits';
import { auditLog } from './schema';
import { TEST_DRIVER, createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, visitInput, type TestDatabase } from '@/test-support/db';

let t: TestDatabase;
let db: Db;
let siteId: string;
let cohortId: string;
const ACTOR = 'user-clinician';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteId = (await makeSite(db)).id;
  cohortId = (await makeCohort(db)).id;
  for (let i = 0; i < 6; i++) await writeAudit(db, { actorId: ACTOR, action: 'create', entity: 'site', entityId: `s${i}`, after: { n: i, note: 'é ✓ "quoted"' } });
});

after(async () => {
  await t?.cleanup();
});

async function entries() {
  return db.select().from(auditLog).orderBy(asc(auditLog.seq));
}

/** Tampers with the trail as someone with the table owner's rights would (triggers off), checks, and rolls it all back. */
async function tampered(change: (tx: Db) => Promise<unknown>): Promise<ChainResult> {
  let result: ChainResult | undefined;
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await change(tx);
      result = await verifyAuditChain(tx, { batchSize: 2 });
      throw new Error('rollback');
    }),
    /rollback/,
  );
  return result!;
}

function runVerifyScript(): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: t.url },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the audit trail is append-only, in the database', () => {
  for (const [what, statement] of [
    ['UPDATE', sql`update audit_log set reason = 'rewritten'`],
    ['DELETE', sql`delete from audit_log where seq = 1`],
    ['TRUNCATE', sql`truncate audit_log`],
  ] as const) {
    test(`${what} is refused and changes nothing`, async () => {
      const before = await entries();
      await assert.rejects(db.execute(statement), (e: Error) => /append-only/.test(`${e.message} ${(e.cause as Error | undefined)?.message}`));
      assert.deepEqual(await entries(), before);
    });
  }

  test('an insert cannot choose its place, its time or its hash', async () => {
    const last = (await entries()).at(-1)!;
    await db.insert(auditLog).values({
      actorId: ACTOR,
      action: 'create',
      entity: 'site',
      entityId: 'forged',
      seq: 999,
      prevHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
      at: new Date('2000-01-01T00:00:00Z'),
    });
    const forged = (await entries()).at(-1)!;
    assert.equal(forged.entityId, 'forged');
    assert.equal(forged.seq, last.seq + 1);
    assert.equal(forged.prevHash, last.hash);
    assert.notEqual(forged.hash, 'e'.repeat(64));
    assert.match(forged.hash, /^[0-9a-f]{64}$/);
    assert.ok(forged.at.getFullYear() > 2000);
  });

  test('the first entry has no predecessor and each names the one before', async () => {
    const all = await entries();
    assert.equal(all[0]!.seq, 1);
    assert.equal(all[0]!.prevHash, null);
    all.slice(1).forEach((e, i) => {
      assert.equal(e.seq, i + 2);
      assert.equal(e.prevHash, all[i]!.hash);
    });
  });
});

const appendOnly = (e: Error) => /append-only: UPDATE/.test(`${e.message} ${(e.cause as Error | undefined)?.message}`);

describe("the chain's tail kept by a writing transaction", () => {
  const entry = (tx: Db, note: string) => writeAudit(tx, { actorId: ACTOR, action: 'create', entity: 'site', entityId: note, after: { note } });

  test('entries written around a rolled-back savepoint follow one another', async () => {
    const before = (await entries()).length;
    await db.transaction(async (tx) => {
      await entry(tx, 'first');
      await assert.rejects(
        tx.transaction(async (savepoint) => {
          await entry(savepoint, 'rolled back');
          throw new Error('rollback to savepoint');
        }),
        /rollback to savepoint/,
      );
      await tx.transaction((savepoint) => entry(savepoint, 'kept savepoint'));
      await entry(tx, 'last');
    });
    const all = await entries();
    assert.deepEqual(all.slice(before).map((e) => e.entityId), ['first', 'kept savepoint', 'last']);
    assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1));
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('an entry gets its place in the chain at commit; a rolled-back one leaves nothing, not even its note', async () => {
    const before = (await entries()).length;
    let inside: { seq: number; hash: string } | undefined;
    await db.transaction(async (tx) => {
      await entry(tx, 'linked at commit');
      [inside] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.entityId, 'linked at commit'));
    });
    assert.ok(inside && inside.seq < 0 && inside.hash === '', 'unlinked until commit');
    const [linked] = await db.select().from(auditLog).where(eq(auditLog.entityId, 'linked at commit'));
    assert.equal(linked!.seq, before + 1);
    await assert.rejects(
      db.transaction(async (tx) => {
        await entry(tx, 'rolled back');
        throw new Error('rollback');
      }),
      /rollback/,
    );
    assert.equal((await entries()).length, before + 1);
    assert.equal((await selectRows(db, sql`select 1 from audit_chain_pending`)).length, 0);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('an entry in the chain cannot be given another place, and an unlinked one only its place', async () => {
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    await assert.rejects(db.execute(sql`update audit_log set seq = ${last!.seq + 100} where id = ${last!.id}`), appendOnly);
    await assert.rejects(
      db.transaction(async (tx) => {
        await entry(tx, 'changed before its link');
        await tx.execute(sql`update audit_log set reason = 'rewritten' where entity_id = 'changed before its link'`);
      }),
      appendOnly,
    );
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test("a writer waits for no other writer's open transaction, only for its link", postgresOnly('two connections at once'), async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const slow = db.transaction(async (tx) => {
      await entry(tx, 'slow writer');
      wrote();
      await held;
    });
    await written;
    const started = performance.now();
    await db.transaction((tx) => entry(tx, 'quick writer'));
    const waited = performance.now() - started;
    release();
    await slow;
    assert.ok(waited < 2000, `the quick writer committed while the slow one was open (${waited.toFixed(0)} ms)`);
    const order = (await entries()).map((e) => e.entityId);
    assert.ok(order.indexOf('quick writer') < order.indexOf('slow writer'), 'places are given in commit order');
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});

describe("a bulk writer's staged entries", () => {
  const entry = (tx: Db, note: string) => writeAudit(tx, { actorId: ACTOR, action: 'create', entity: 'site', entityId: note, after: { note } });
  const staged = (note: string): AuditEntry => ({ actorId: ACTOR, action: 'create', entity: 'site', entityId: note, after: { note }, reason: 'CSV import' });

  test('go into the chain in the order staged, linked as they go in, after the entries of earlier commits', async () => {
    const before = (await entries()).length;
    let inside: { seq: number; hash: string }[] = [];
    await db.transaction(async (tx) => {
      await writeAuditMany(tx, [staged('staged 1'), staged('staged 2')]);
      await writeAuditMany(tx, [staged('staged 3')]);
      assert.equal(await appendStagedAudit(tx), 3);
      inside = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).where(sql`entity_id like 'staged %'`).orderBy(asc(auditLog.id));
      await entry(tx, 'after the append');
    });
    assert.deepEqual(inside.map((e) => e.seq), [before + 1, before + 2, before + 3], 'linked when appended, not at commit');
    assert.ok(inside.every((e) => e.hash.length === 64));
    const all = await entries();
    assert.deepEqual(all.slice(before).map((e) => e.entityId), ['staged 1', 'staged 2', 'staged 3', 'after the append']);
    assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1));
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test("written linked (the embedded database's bulk way), they are in the chain as written, in order, and nothing is left to append", async () => {
    assert.equal(await bulkAudit(), TEST_DRIVER === 'pglite' ? LINKED_AUDIT : STAGED_AUDIT);
    const before = (await entries()).length;
    let inside: number[] = [];
    await db.transaction(async (tx) => {
      await writeAuditMany(tx, [staged('as written 1'), staged('as written 2')], LINKED_AUDIT);
      inside = (await tx.select({ seq: auditLog.seq }).from(auditLog).where(sql`entity_id like 'as written %'`).orderBy(asc(auditLog.id))).map((e) => e.seq);
      await writeAuditMany(tx, [staged('as written 3')], LINKED_AUDIT);
      assert.equal(await appendStagedAudit(tx), 0);
      await entry(tx, 'after the linked ones');
    });
    assert.deepEqual(inside, [before + 1, before + 2], 'linked as written');
    const all = await entries();
    assert.deepEqual(all.slice(before).map((e) => e.entityId), ['as written 1', 'as written 2', 'as written 3', 'after the linked ones']);
    assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1));
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('entries written unlinked before the append are linked after the appended ones, at commit', async () => {
    const before = (await entries()).length;
    await db.transaction(async (tx) => {
      await entry(tx, 'unlinked first');
      await writeAuditMany(tx, [staged('appended')]);
      await appendStagedAudit(tx);
    });
    assert.deepEqual((await entries()).slice(before).map((e) => e.entityId), ['appended', 'unlinked first']);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('a transaction that staged entries and did not append them cannot commit, and leaves nothing', async () => {
    const before = (await entries()).length;
    await assert.rejects(
      db.transaction(async (tx) => {
        await entry(tx, 'beside forgotten entries');
        await writeAuditMany(tx, [staged('forgotten')]);
      }),
      /staged and never appended/,
    );
    assert.equal((await entries()).length, before);
    // A savepoint rolled back after the append brings the staged entries back, unappended.
    await assert.rejects(
      db.transaction(async (tx) => {
        await writeAuditMany(tx, [staged('appended in a savepoint')]);
        await assert.rejects(
          tx.transaction(async (savepoint) => {
            await appendStagedAudit(savepoint);
            throw new Error('rollback to savepoint');
          }),
          /rollback to savepoint/,
        );
      }),
      /staged and never appended/,
    );
    assert.equal((await entries()).length, before);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test("staging waits for no other writer; only the append takes the chain's lock", postgresOnly('two connections at once'), async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let stagedAll!: () => void;
    const stagedNow = new Promise<void>((resolve) => (stagedAll = resolve));
    const bulk = db.transaction(async (tx) => {
      await writeAuditMany(tx, [staged('bulk writer')]);
      stagedAll();
      await held;
      await appendStagedAudit(tx);
    });
    await stagedNow;
    const started = performance.now();
    await db.transaction((tx) => entry(tx, 'writer meanwhile'));
    const waited = performance.now() - started;
    release();
    await bulk;
    assert.ok(waited < 2000, `the other writer committed while the bulk writer was staging (${waited.toFixed(0)} ms)`);
    const order = (await entries()).map((e) => e.entityId);
    assert.ok(order.indexOf('writer meanwhile') < order.indexOf('bulk writer'));
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});

describe('verifyAuditChain', () => {
  test('passes on an intact trail, in batches or at once', async () => {
    const n = (await entries()).length;
    assert.deepEqual(await verifyAuditChain(db, { batchSize: 2 }), { ok: true, count: n, lastHash: (await entries()).at(-1)!.hash });
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('the hash does not depend on the session time zone', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'Pacific/Auckland'`);
      assert.equal((await verifyAuditChain(tx)).ok, true);
    });
  });

  test('an altered entry is named', async () => {
    const third = (await entries())[2]!;
    const r = await tampered((tx) => tx.update(auditLog).set({ after: { n: 2, note: 'changed' } }).where(eq(auditLog.seq, 3)));
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.id, r.problem, r.count], [3, third.id, 'altered', 2]);
    assert.match(r.message, new RegExp(`seq 3 \\(id ${third.id}\\).*altered`));
  });

  test('an entry altered with its hash recomputed breaks the link of the next one', async () => {
    const r = await tampered((tx) =>
      tx.execute(sql`update audit_log set reason = 'x', hash = audit_entry_hash(prev_hash, seq, id, at, actor_id, action, entity, entity_id, before, after, 'x', correlation_id, via_token) where seq = 3`),
    );
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.problem], [4, 'link']);
  });

  test('a removed entry is named as a gap', async () => {
    const fifth = (await entries())[4]!;
    const r = await tampered((tx) => tx.delete(auditLog).where(eq(auditLog.seq, 4)));
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.id, r.problem], [5, fifth.id, 'gap']);
    assert.match(r.message, /removed or gap: entry 4 is missing/);
  });

  test('a removed first entry is a gap at the start', async () => {
    const r = await tampered((tx) => tx.delete(auditLog).where(eq(auditLog.seq, 1)));
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.problem, r.count], [2, 'gap', 0]);
  });

  test('two swapped entries are named as a broken link', async () => {
    const all = await entries();
    const r = await tampered(async (tx) => {
      await tx.execute(sql`update audit_log set seq = -1 where seq = 3`);
      await tx.execute(sql`update audit_log set seq = 3 where seq = 4`);
      await tx.execute(sql`update audit_log set seq = 4 where seq = -1`);
    });
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.id, r.problem], [3, all[3]!.id, 'link']);
    assert.match(r.message, /link broken/);
  });

  test('two entries whose contents were swapped are named', async () => {
    const r = await tampered((tx) =>
      tx.execute(sql`update audit_log a set after = b.after, entity_id = b.entity_id from audit_log b where (a.seq, b.seq) in ((2, 3), (3, 2))`),
    );
    assert.ok(!r.ok);
    assert.deepEqual([r.seq, r.problem], [2, 'altered']);
  });

  test('the trail is whole again after the rollbacks', async () => {
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});

describe('npm run audit:verify', postgresOnly('the command runs as a second process on the same database'), () => {
  test('exits 0 with the count when intact, 1 naming the entry when not', async () => {
    const n = (await entries()).length;
    const ok = runVerifyScript();
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`intact: ${n} entries`));

    const admin = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      await admin.begin(async (tx) => {
        await tx`alter table audit_log disable trigger user`;
        await tx`update audit_log set actor_id = 'someone-else' where seq = 2`;
        await tx`alter table audit_log enable trigger user`;
      });
      const bad = runVerifyScript();
      assert.equal(bad.status, 1);
      assert.match(bad.stderr, /seq 2 \(id \d+\): altered/);
    } finally {
      await admin.begin(async (tx) => {
        await tx`alter table audit_log disable trigger user`;
        await tx`update audit_log set actor_id = ${ACTOR} where seq = 2`;
        await tx`alter table audit_log enable trigger user`;
      });
      await admin.end();
    }
    assert.equal(runVerifyScript().status, 0);
  });
});

describe('concurrent writers', () => {
  test('25 writers saving at once, some of them rolled back, keep one unbroken chain', async () => {
    const WRITERS = 25;
    const SAVES = 6;
    const patientIds = await Promise.all(
      Array.from({ length: WRITERS }, () => createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId }) })),
    );
    const before = (await entries()).length;
    const saved = await Promise.all(
      patientIds.map(async (patientId, w) => {
        const ids: string[] = [];
        for (let i = 0; i < SAVES; i++) {
          const visitDate = addDays('2024-01-05', i * 30);
          const input = visitInput({ visitDate, visitType: i === 0 ? 'baseline' : 'follow_up' });
          ids.push(await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input }));
          if ((w + i) % 4 === 0) {
            // A writer whose transaction fails after writing its audit entry takes nothing from the chain.
            await assert.rejects(
              db.transaction(async (tx) => {
                await writeAudit(tx, { actorId: ACTOR, action: 'update', entity: 'visit', entityId: ids.at(-1)!, reason: 'rolled back' });
                throw new Error('abandoned');
              }),
              /abandoned/,
            );
          }
        }
        return ids;
      }),
    );
    const all = await entries();
    assert.equal(all.length, before + WRITERS * SAVES);
    assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1));
    assert.equal(all.filter((e) => e.reason === 'rolled back').length, 0);
    const created = new Set(all.filter((e) => e.action === 'create' && e.entity === 'visit').map((e) => e.entityId));
    for (const id of saved.flat()) assert.ok(created.has(id), `visit ${id} has its create entry`);
    assert.deepEqual(await verifyAuditChain(db, { batchSize: 37 }), { ok: true, count: all.length, lastHash: all.at(-1)!.hash });
  });
});
