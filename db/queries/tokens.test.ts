import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq, sql } from 'drizzle-orm';
import { NotFoundError } from '@/lib/errors';
import { newTokenSchema } from '@/lib/schemas/token';
import { bearerSecret } from '@/lib/auth/tokens';
import { createTestDatabase, makeCohort, makeSite, patientInput, type TestDatabase } from '@/test-support/db';
import { writeAudit } from '../audit';
import { verifyAuditChain } from '../audit-verify';
import type { Db } from '../client';
import { asOneAction, asTokenUse } from '../correlation';
import { accessTokens, auditLog } from '../schema';
import { listAuditTrail } from './audit-trail';
import { createPatient } from './patients';
import { createToken, listAllTokens, listTokens, revokeToken, tokenAccess } from './tokens';
import { createUser, updateUserAccess } from './users';
import { newUserSchema } from '@/lib/schemas/user';

// Personal access tokens: kept as a hash, acting as their user with the user's sites as they
// are now, refused once revoked or expired or when the user is deactivated; made, revoked and
// used under the audit chain.

let t: TestDatabase;
let db: Db;
let site: { id: string; code: string };
let cohortId: string;
let userId: string;
let otherId: string;
const ADMIN = 'user-admin';

const input = (fields: Record<string, unknown> = {}) => newTokenSchema.parse({ name: 'nightly report', scopes: ['read'], days: '30', ...fields });

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  site = await makeSite(db);
  cohortId = (await makeCohort(db)).id;
  const user = (email: string) =>
    createUser(db, { actorId: ADMIN, input: newUserSchema.parse({ name: 'Claire Martin', email, role: 'clinician', password: 'a-long-password', siteIds: [site.id] }) });
  userId = await user('claire@nord.test');
  otherId = await user('paul@nord.test');
});

after(async () => {
  await t?.cleanup();
});

describe('createToken and tokenAccess', () => {
  test('the secret is shown once and kept only as a hash; it gives its user\'s role and sites, and marks the token used', async () => {
    const { token, secret } = await createToken(db, { actorId: userId, userId, input: input() });
    assert.notEqual(bearerSecret(`Bearer ${secret}`), 'malformed');
    assert.equal(token.hint, secret.slice(0, 8));
    const [stored] = await db.select().from(accessTokens).where(eq(accessTokens.id, token.id));
    assert.notEqual(stored!.secretHash, secret);
    assert.ok(!JSON.stringify(stored).includes(secret.slice(8)));
    assert.equal(stored!.lastUsedAt, null);
    const days = (stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 86_400_000;
    assert.ok(Math.abs(days - 30) < 0.01, `${days} days`);

    const found = await tokenAccess(db, secret);
    assert.equal(found?.access.userId, userId);
    assert.deepEqual(found?.access.siteIds, [site.id]);
    assert.deepEqual(found?.token, { id: token.id, name: 'nightly report', scopes: ['read'] });
    const [used] = await db.select().from(accessTokens).where(eq(accessTokens.id, token.id));
    assert.ok(used!.lastUsedAt);

    // The creation is audited without the secret or its hash.
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, token.id));
    assert.equal(entry!.action, 'create');
    assert.equal(entry!.entity, 'access_token');
    assert.ok(!JSON.stringify(entry!.after).includes(secret.slice(8)));
    assert.ok(!JSON.stringify(entry!.after).includes(stored!.secretHash));
  });

  test('a wrong secret, a revoked token, an expired token and a deactivated user give nothing', async () => {
    assert.equal(await tokenAccess(db, 'dmj_' + 'A'.repeat(43)), null);

    const revoked = await createToken(db, { actorId: userId, userId, input: input({ name: 'old laptop' }) });
    await revokeToken(db, { actorId: userId, tokenId: revoked.token.id, ownerId: userId });
    assert.equal(await tokenAccess(db, revoked.secret), null);

    const expired = await createToken(db, { actorId: userId, userId, input: input({ name: 'expired' }) });
    await db.update(accessTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(accessTokens.id, expired.token.id));
    assert.equal(await tokenAccess(db, expired.secret), null);

    const other = await createToken(db, { actorId: otherId, userId: otherId, input: input({ name: 'paul' }) });
    assert.ok(await tokenAccess(db, other.secret));
    await updateUserAccess(db, { actorId: ADMIN, userId: otherId, input: { role: 'clinician', siteIds: [site.id], active: false } });
    assert.equal(await tokenAccess(db, other.secret), null);
  });

  test('a token follows its user\'s access as it is now: a site taken away is gone from the token', async () => {
    const second = await makeSite(db);
    const id = await createUser(db, { actorId: ADMIN, input: newUserSchema.parse({ name: 'Ines Petit', email: 'ines@nord.test', role: 'coordinator', password: 'a-long-password', siteIds: [site.id, second.id] }) });
    const { secret } = await createToken(db, { actorId: id, userId: id, input: input({ scopes: ['read', 'write'] }) });
    assert.equal((await tokenAccess(db, secret))?.access.siteIds.length, 2);
    await updateUserAccess(db, { actorId: ADMIN, userId: id, input: { role: 'clinician', siteIds: [site.id], active: true } });
    const now = await tokenAccess(db, secret);
    assert.equal(now?.access.role, 'clinician');
    assert.deepEqual(now?.access.siteIds, [site.id]);
  });
});

describe('revokeToken and the lists', () => {
  test('a user revokes only their own tokens; an admin any; a token is revoked once', async () => {
    const mine = await createToken(db, { actorId: userId, userId, input: input({ name: 'mine' }) });
    await assert.rejects(revokeToken(db, { actorId: otherId, tokenId: mine.token.id, ownerId: otherId }), NotFoundError);
    assert.ok(await tokenAccess(db, mine.secret));
    await revokeToken(db, { actorId: ADMIN, tokenId: mine.token.id });
    assert.equal(await tokenAccess(db, mine.secret), null);
    await assert.rejects(revokeToken(db, { actorId: ADMIN, tokenId: mine.token.id }), NotFoundError);
    await assert.rejects(revokeToken(db, { actorId: ADMIN, tokenId: 'not-a-uuid' }), NotFoundError);

    const [entry] = await db.select().from(auditLog).where(eq(auditLog.entityId, mine.token.id)).orderBy(desc(auditLog.seq)).limit(1);
    assert.equal(entry!.action, 'revoke');
    assert.equal(entry!.actorId, ADMIN);

    const listed = await listTokens(db, userId);
    assert.ok(listed.some((x) => x.id === mine.token.id && x.revokedAt));
    assert.ok(listed.every((x) => !('secretHash' in x)));
    const all = await listAllTokens(db);
    assert.ok(all.some((x) => x.userEmail === 'paul@nord.test'));
    // Live tokens first.
    const firstRevoked = all.findIndex((x) => x.revokedAt);
    assert.ok(all.slice(firstRevoked).every((x) => x.revokedAt));
  });

  test('a token cannot be made for a deactivated or unknown user', async () => {
    await assert.rejects(createToken(db, { actorId: ADMIN, userId: otherId, input: input() }), NotFoundError);
    await assert.rejects(createToken(db, { actorId: ADMIN, userId: 'nobody', input: input() }), NotFoundError);
  });
});

describe('writes made with a token', () => {
  test('name the token in the audit trail, in the hashed content: the chain verifies, and a changed name does not', async () => {
    const patientId = await asOneAction(() =>
      asTokenUse('nightly import', () => createPatient(db, { actorId: userId, siteIds: [site.id], input: patientInput({ siteId: site.id, cohortId }) })),
    );
    await writeAudit(db, { actorId: userId, action: 'export', entity: 'report', entityId: 'C1' });
    const [made] = await db.select().from(auditLog).where(eq(auditLog.entityId, patientId));
    assert.equal(made!.viaToken, 'nightly import');
    const [plain] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    assert.equal(plain!.viaToken, null);

    const { entries } = await listAuditTrail(db, { filters: { entityId: patientId } });
    assert.equal(entries[0]!.viaToken, 'nightly import');
    assert.equal((await verifyAuditChain(db)).ok, true);

    // Rewriting which token made an entry breaks the chain (the trigger refuses updates, so do it as the owner would, with triggers off).
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_log set via_token = 'someone else' where seq = ${made!.seq}`);
      const result = await verifyAuditChain(tx);
      assert.equal(result.ok, false);
      throw new Error('rollback');
    }).catch((e) => assert.equal((e as Error).message, 'rollback'));
  });
});
