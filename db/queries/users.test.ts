import { after, before, describe, test } from 'node:test';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { newUserSchema, siteGrantSchema, userAccessSchema } from '@/lib/schemas/user';
import type { Db } from '../client';
import { account, auditLog, session, user, userSites } from '../schema';
import { countRows, createTestDatabase, makeSite, type TestDatabase } from '@/test-support/db';
import { createUser, grantSite, isDeactivated, listUsers, loadAccess, updateUserAccess } from './users';

let t: TestDatabase;
let db: Db;
let siteA: { id: string; code: string };
let siteB: { id: string; code: string };
const ADMIN = 'user-admin';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = await makeSite(db);
  siteB = await makeSite(db);
});

after(async () => {
  await t?.cleanup();
});

/** A user as the admin form sends it, parsed by the app's schema. */
function newUser(fields: Record<string, unknown>) {
  return newUserSchema.parse({ name: 'Claire Martin', password: 'a-long-password', siteIds: [], ...fields });
}

async function counts() {
  return { users: await countRows(db, user), accounts: await countRows(db, account), memberships: await countRows(db, userSites), audit: await countRows(db, auditLog) };
}

describe('createUser and loadAccess', () => {
  test('a clinician sees the sites they were given, with their role', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'claire@nord.test', role: 'clinician', siteIds: [siteA.id] }) });
    assert.deepEqual(await loadAccess(db, id), { userId: id, name: 'Claire Martin', email: 'claire@nord.test', role: 'clinician', siteIds: [siteA.id] });
  });

  test('a coordinator of two sites sees both', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'ines@both.test', role: 'coordinator', siteIds: [siteA.id, siteB.id] }) });
    const access = await loadAccess(db, id);
    assert.equal(access?.role, 'coordinator');
    assert.deepEqual([...access!.siteIds].sort(), [siteA.id, siteB.id].sort());
  });

  test('an auditor keeps the auditor role', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'marc@audit.test', role: 'auditor', siteIds: [siteB.id] }) });
    const access = await loadAccess(db, id);
    assert.equal(access?.role, 'auditor');
    assert.deepEqual(access?.siteIds, [siteB.id]);
  });

  test('an admin sees every site, including sites added later', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'admin@all.test', role: 'admin', siteIds: [] }) });
    const access = await loadAccess(db, id);
    assert.equal(access?.role, 'admin');
    assert.deepEqual([...access!.siteIds].sort(), [siteA.id, siteB.id].sort());
    const siteC = await makeSite(db);
    assert.deepEqual([...(await loadAccess(db, id))!.siteIds].sort(), [siteA.id, siteB.id, siteC.id].sort());
  });

  test('an unknown user has no access', async () => {
    assert.equal(await loadAccess(db, 'no-such-user'), null);
  });

  test('the email is stored in lower case and the password only as a hash', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'Hugo.Bernard@Sud.test', role: 'clinician', siteIds: [siteB.id] }) });
    assert.equal((await loadAccess(db, id))?.email, 'hugo.bernard@sud.test');
    const [credential] = await db.select().from(account).where(eq(account.userId, id));
    assert.equal(credential?.providerId, 'credential');
    assert.ok(credential?.password && credential.password !== 'a-long-password' && !credential.password.includes('a-long-password'));
  });

  test('creating a user writes one audit entry, without the password', async () => {
    const before = await countRows(db, auditLog);
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'audited@nord.test', role: 'clinician', siteIds: [siteA.id] }) });
    assert.equal(await countRows(db, auditLog), before + 1);
    const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    assert.equal(entries.length, 1);
    const entry = entries[0]!;
    assert.equal(entry.actorId, ADMIN);
    assert.equal(entry.action, 'create');
    assert.equal(entry.entity, 'user');
    assert.deepEqual(entry.after, { name: 'Claire Martin', email: 'audited@nord.test', role: 'clinician', siteIds: [siteA.id] });
    assert.ok(!JSON.stringify(entry).includes('a-long-password'));
  });

  test('listUsers shows each user with their site codes', async () => {
    const rows = await listUsers(db);
    const ines = rows.find((u) => u.email === 'ines@both.test');
    assert.deepEqual(ines?.siteCodes, [siteA.code, siteB.code].sort());
    assert.deepEqual(rows.find((u) => u.email === 'admin@all.test')?.siteCodes, []);
  });
});

describe('createUser refusals write nothing', () => {
  test('a duplicate email is refused, whatever its case', async () => {
    await createUser(db, { actorId: ADMIN, input: newUser({ email: 'dup@nord.test', role: 'clinician', siteIds: [siteA.id] }) });
    for (const email of ['dup@nord.test', 'DUP@Nord.Test', '  dup@nord.test ']) {
      const before = await counts();
      await assert.rejects(
        createUser(db, { actorId: ADMIN, input: newUser({ email, role: 'auditor', siteIds: [siteB.id] }) }),
        (e) => e instanceof ValidationError && e.fieldErrors.email === 'A user with the email dup@nord.test already exists',
      );
      assert.deepEqual(await counts(), before, email);
    }
  });

  test('an unknown site is refused', async () => {
    const before = await counts();
    await assert.rejects(
      createUser(db, { actorId: ADMIN, input: newUser({ email: 'nosite@nord.test', role: 'clinician', siteIds: ['00000000-0000-4000-8000-000000000000'] }) }),
      (e) => e instanceof ValidationError && e.fieldErrors.siteIds === 'Choose sites from the list',
    );
    assert.deepEqual(await counts(), before);
  });
});

describe('one email added twice at the same moment', () => {
  test('exactly one user lands; the other is refused on the email, with no audit entry', async () => {
    const before = await counts();
    const input = newUser({ email: 'twice@same.test', role: 'clinician', siteIds: [siteA.id] });
    const results = await Promise.allSettled([
      createUser(db, { actorId: ADMIN, input }),
      createUser(db, { actorId: ADMIN, input }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const refused = results.find((r) => r.status === 'rejected');
    assert.ok(refused?.reason instanceof ValidationError);
    assert.match(refused.reason.fieldErrors.email ?? '', /already exists/);
    const now = await counts();
    assert.equal(now.users, before.users + 1);
    assert.equal(now.audit, before.audit + 1);
  });
});

describe('an admin changes a user access', () => {
  test('role and sites change with one audit entry holding before and after', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'move@sites.test', role: 'clinician', siteIds: [siteA.id] }) });
    const before = await counts();
    await updateUserAccess(db, { actorId: ADMIN, userId: id, input: userAccessSchema.parse({ role: 'coordinator', siteIds: [siteA.id, siteB.id], active: true }) });
    const access = await loadAccess(db, id);
    assert.equal(access?.role, 'coordinator');
    assert.deepEqual([...access!.siteIds].sort(), [siteA.id, siteB.id].sort());
    assert.equal((await counts()).audit, before.audit + 1);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(desc(auditLog.seq)).limit(1);
    assert.equal(entry?.action, 'update');
    assert.deepEqual(entry?.before, { role: 'clinician', siteIds: [siteA.id], active: true });
    assert.deepEqual(entry?.after, { role: 'coordinator', siteIds: [siteA.id, siteB.id].sort(), active: true });
  });

  test('a deactivated user has no access and loses their sessions', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'leaver@sites.test', role: 'clinician', siteIds: [siteA.id] }) });
    await db.insert(session).values({ id: 'session-leaver', token: 'token-leaver', userId: id, expiresAt: new Date(Date.now() + 3_600_000) });
    await updateUserAccess(db, { actorId: ADMIN, userId: id, input: userAccessSchema.parse({ role: 'clinician', siteIds: [siteA.id], active: false }) });
    assert.equal(await loadAccess(db, id), null);
    assert.equal(await isDeactivated(db, id), true);
    assert.equal((await db.select().from(session).where(eq(session.userId, id))).length, 0);
    await updateUserAccess(db, { actorId: ADMIN, userId: id, input: userAccessSchema.parse({ role: 'clinician', siteIds: [siteA.id], active: true }) });
    assert.equal((await loadAccess(db, id))?.role, 'clinician');
  });

  test('an admin cannot demote or deactivate themselves, and nothing is written', async () => {
    const id = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'self@admin.test', role: 'admin', siteIds: [] }) });
    const before = await counts();
    for (const input of [{ role: 'clinician', siteIds: [siteA.id], active: true }, { role: 'admin', siteIds: [], active: false }]) {
      await assert.rejects(updateUserAccess(db, { actorId: id, userId: id, input: userAccessSchema.parse(input) }), ValidationError);
    }
    assert.deepEqual(await counts(), before);
    assert.equal((await loadAccess(db, id))?.role, 'admin');
  });
});

describe('grantSite: access to a site an import created, in one step', () => {
  test('each chosen user gets the site, once, with an audit entry naming it; admins and unknown users are refused, writing nothing', async () => {
    const site = await makeSite(db);
    const nurse = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'grant-a@site.test', role: 'clinician', siteIds: [siteA.id] }) });
    const coord = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'grant-b@site.test', role: 'coordinator', siteIds: [siteA.id, siteB.id] }) });
    const admin = await createUser(db, { actorId: ADMIN, input: newUser({ email: 'grant-c@site.test', role: 'admin' }) });

    const before = await counts();
    await assert.rejects(grantSite(db, { actorId: ADMIN, input: siteGrantSchema.parse({ siteCode: site.code, userIds: [nurse, admin] }) }), ValidationError);
    await assert.rejects(grantSite(db, { actorId: ADMIN, input: siteGrantSchema.parse({ siteCode: 'NO-SUCH', userIds: [nurse] }) }), ValidationError);
    await assert.rejects(grantSite(db, { actorId: ADMIN, input: siteGrantSchema.parse({ siteCode: site.code, userIds: [nurse, crypto.randomUUID()] }) }), NotFoundError);
    assert.deepEqual(await counts(), before);

    assert.equal(await grantSite(db, { actorId: ADMIN, input: siteGrantSchema.parse({ siteCode: site.code, userIds: [nurse, coord, nurse] }) }), 2);
    assert.deepEqual((await loadAccess(db, nurse))?.siteIds.sort(), [siteA.id, site.id].sort());
    assert.equal((await loadAccess(db, coord))?.siteIds.length, 3);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, nurse)).orderBy(desc(auditLog.id)).limit(1);
    assert.equal(entry!.reason, `Access to site ${site.code}, created by an import`);
    // Again: nothing more to give.
    const again = await counts();
    await grantSite(db, { actorId: ADMIN, input: siteGrantSchema.parse({ siteCode: site.code, userIds: [nurse] }) });
    assert.deepEqual(await counts(), again);
  });

  test('the form must name at least one user', () => {
    assert.equal(siteGrantSchema.safeParse({ siteCode: 'EST', userIds: [] }).success, false);
  });
});
