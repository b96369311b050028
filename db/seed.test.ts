import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { count, eq, sql } from 'drizzle-orm';
import { visitPlacementProblems } from '@/lib/visits/rules';
import { selectRows, type Db } from './client';
import { investigatorSiteIds } from './queries/investigators';
import { loadAccess } from './queries/users';
import { DEMO_USERS, SEED_ACTOR, isSeeded, seedDemo } from './seed';
import { auditLog, patients, relapses, sites, user, visits, adverseEvents } from './schema';
import { countRows, createTestDatabase, type TestDatabase } from '@/test-support/db';

let t: TestDatabase;
let db: Db;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  assert.equal(await isSeeded(db), false);
  await seedDemo(db);
});

after(async () => {
  await t?.cleanup();
});

describe('seedDemo', () => {
  test('marks the database as seeded', async () => {
    assert.equal(await isSeeded(db), true);
  });

  test('creates 20 patients: 12 at NORD, 8 at SUD', async () => {
    assert.equal(await countRows(db, patients), 20);
    const perSite = await db
      .select({ code: sites.code, n: count() })
      .from(patients)
      .innerJoin(sites, eq(sites.id, patients.siteId))
      .groupBy(sites.code)
      .orderBy(sites.code);
    assert.deepEqual(perSite, [
      { code: 'NORD', n: 12 },
      { code: 'SUD', n: 8 },
    ]);
  });

  test('creates the 5 demo users with their roles and sites, the clinicians investigators of theirs; the admin sees every site', async () => {
    assert.equal(await countRows(db, user), 5);
    const siteRows = await db.select().from(sites);
    const idOf = (code: string) => siteRows.find((s) => s.code === code)!.id;
    for (const demo of DEMO_USERS) {
      const [row] = await db.select().from(user).where(eq(user.email, demo.email));
      assert.ok(row, demo.email);
      const access = await loadAccess(db, row.id);
      assert.equal(access?.role, demo.role);
      const expected = demo.role === 'admin' ? siteRows.map((s) => s.id) : demo.sites.map(idOf);
      assert.deepEqual([...access!.siteIds].sort(), [...expected].sort(), demo.email);
      assert.deepEqual(await investigatorSiteIds(db, row.id), demo.investigator ? [...expected].sort() : [], `${demo.email} investigator`);
    }
  });

  test('gives every patient exactly one baseline', async () => {
    const rows = await selectRows<{ code: string; baselines: number }>(
      db,
      sql`select p.code, count(v.id) filter (where v.visit_type = 'baseline')::int as baselines
          from patient p left join visit v on v.patient_id = p.id group by p.code`,
    );
    assert.equal(rows.length, 20);
    for (const r of rows) assert.equal(r.baselines, 1, r.code);
  });

  test("places every visit by the app's rules: baseline first, follow-ups after it and after the JAKi start", async () => {
    const all = await db.select({ patient: patients, visit: visits }).from(visits).innerJoin(patients, eq(patients.id, visits.patientId));
    assert.ok(all.length > 20);
    for (const { patient, visit } of all) {
      const others = all.filter((o) => o.patient.id === patient.id).map((o) => o.visit);
      assert.deepEqual(visitPlacementProblems({ ...visit, id: visit.id }, others, patient), [], `${patient.code} ${visit.visitDate}`);
    }
  });

  test('writes one audit entry per user, investigator right, patient, visit and adverse event, all by the seed', async () => {
    const expected =
      (await countRows(db, user)) +
      DEMO_USERS.filter((u) => u.investigator).length +
      (await countRows(db, patients)) +
      (await countRows(db, visits)) +
      (await countRows(db, adverseEvents)) +
      (await countRows(db, relapses));
    assert.equal(await countRows(db, adverseEvents), 5);
    assert.equal(await countRows(db, auditLog), expected);
    const actors = await db.selectDistinct({ actorId: auditLog.actorId }).from(auditLog);
    assert.deepEqual(actors, [{ actorId: SEED_ACTOR }]);
  });
});
