import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { createAuth } from '@/server/auth/auth';
import { authPolicy } from '@/server/auth/policy';
import type { Db } from '../client';
import { auditLog, session, signInFailures, user } from '../schema';
import { countRows, createTestDatabase, makeSite, type TestDatabase } from '@/test-support/db';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { verifiedCookieValue } from '@/lib/auth/signed-cookie';
import { clearSignInFailures, lockedUntil, recordSignInFailure, signInLock, sessionAccess, unlockAccount } from './sign-in';
import { createUser } from './users';

// Sign-in protection and session idle time, kept in the database so every instance agrees.

let t: TestDatabase;
let db: Db;
const policy = { ...authPolicy({}), maxFailures: 3, lockMinutes: 15 };
const PASSWORD = 'a-long-enough-password';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  const site = await makeSite(db);
  await createUser(db, { actorId: 'system:test', input: { name: 'Lock Test', email: 'lock@test.test', role: 'clinician', siteIds: [site.id], password: PASSWORD } });
});

after(async () => {
  await t?.cleanup();
});

test('failures count up and lock the address at the limit; the lock holds until it expires', async () => {
  assert.deepEqual((await recordSignInFailure(db, 'a@x.test', policy)).failures, 1);
  assert.equal(await lockedUntil(db, 'a@x.test'), null);
  await recordSignInFailure(db, 'a@x.test', policy);
  const third = await recordSignInFailure(db, 'a@x.test', policy);
  assert.equal(third.failures, 3);
  assert.ok(third.lockedUntil && third.lockedUntil.getTime() > Date.now() + 14 * 60_000);
  assert.ok(await lockedUntil(db, 'a@x.test'));
  // A failure during the lock does not extend it.
  assert.equal((await recordSignInFailure(db, 'a@x.test', policy)).lockedUntil?.getTime(), third.lockedUntil.getTime());

  await db.update(signInFailures).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(signInFailures.email, 'a@x.test'));
  assert.equal(await lockedUntil(db, 'a@x.test'), null);
  const afterLock = await recordSignInFailure(db, 'a@x.test', policy);
  assert.deepEqual(afterLock, { failures: 1, lockedUntil: null }, 'the count starts again after a lock');
});

test('failures long ago are forgotten, and a success clears the count', async () => {
  await recordSignInFailure(db, 'b@x.test', policy);
  await recordSignInFailure(db, 'b@x.test', policy);
  await db.update(signInFailures).set({ lastFailureAt: sql`now() - interval '16 minutes'` }).where(eq(signInFailures.email, 'b@x.test'));
  assert.equal((await recordSignInFailure(db, 'b@x.test', policy)).failures, 1);
  await clearSignInFailures(db, 'b@x.test');
  assert.equal((await recordSignInFailure(db, 'b@x.test', policy)).failures, 1);
});

test('two servers counting at once lose no failure', async () => {
  await Promise.all(Array.from({ length: 10 }, () => recordSignInFailure(db, 'c@x.test', { ...policy, maxFailures: 100 })));
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.email, 'c@x.test'));
  assert.equal(row?.failures, 10);
});

test('through better-auth: wrong passwords are audited, slowed, then lock the account even against the right password', async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '15' });
  const signIn = (password: string) => auth.api.signInEmail({ body: { email: 'Lock@Test.test', password }, headers: new Headers() });
  await assert.rejects(signIn('wrong-password-1'), (e: { status?: string }) => e.status === 'UNAUTHORIZED');
  const started = performance.now();
  await assert.rejects(signIn('wrong-password-2'), (e: { status?: string }) => e.status === 'UNAUTHORIZED');
  assert.ok(performance.now() - started >= 450, 'the second failure is answered after a delay');
  await assert.rejects(signIn('wrong-password-3'), (e: { status?: string; message?: string }) => e.status === 'TOO_MANY_REQUESTS' && /locked until/.test(e.message ?? ''));
  await assert.rejects(signIn(PASSWORD), (e: { status?: string }) => e.status === 'TOO_MANY_REQUESTS');

  const entries = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'session'), eq(auditLog.entityId, 'lock@test.test')));
  assert.deepEqual(entries.map((e) => e.action), ['sign_in_failed', 'sign_in_failed', 'sign_in_failed', 'sign_in_locked', 'sign_in_failed']);
  assert.ok(entries.every((e) => e.actorId !== 'anonymous'), 'attributed to the account');
  assert.ok(!JSON.stringify(entries).includes('wrong-password'), 'no password in the trail');

  await clearSignInFailures(db, 'lock@test.test');
  const ok = await signIn(PASSWORD);
  assert.ok(ok.token);
});

test("a deactivated account's right password is refused saying so, audited as such and not counted; a wrong one reveals nothing", async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '15' });
  const site = await makeSite(db);
  await createUser(db, { actorId: 'system:test', input: { name: 'Gone Test', email: 'gone@test.test', role: 'clinician', siteIds: [site.id], password: PASSWORD } });
  await db.update(user).set({ deactivatedAt: new Date() }).where(eq(user.email, 'gone@test.test'));
  const signIn = (password: string) => auth.api.signInEmail({ body: { email: 'Gone@Test.test', password }, headers: new Headers() });
  const trail = async () => (await db.select().from(auditLog).where(and(eq(auditLog.entity, 'session'), eq(auditLog.entityId, 'gone@test.test')))).map((e) => e.after);

  // A wrong password: the same answer as for an active account.
  await assert.rejects(signIn('wrong-password-1'), (e: { status?: string; message?: string }) => e.status === 'UNAUTHORIZED' && !/deactivated/i.test(e.message ?? ''));
  assert.deepEqual(await trail(), [{ failures: 1 }]);

  // The right password, three times (the lock's limit): refused as deactivated, never locked.
  for (let i = 0; i < 3; i++)
    await assert.rejects(signIn(PASSWORD), (e: { status?: string; message?: string; body?: { code?: string } }) =>
      e.status === 'FORBIDDEN' && e.message === 'This account is deactivated. Ask an administrator.' && e.body?.code === 'ACCOUNT_DEACTIVATED');
  assert.deepEqual(await trail(), [{ failures: 1 }, { deactivated: true }, { deactivated: true }, { deactivated: true }]);
  const [count] = await db.select().from(signInFailures).where(eq(signInFailures.email, 'gone@test.test'));
  assert.equal(count?.failures, 1, 'the refusals are not counted toward the lock');
  assert.equal(await lockedUntil(db, 'gone@test.test'), null);
  assert.equal((await db.select().from(session).innerJoin(user, eq(user.id, session.userId)).where(eq(user.email, 'gone@test.test'))).length, 0, 'no session');
});

test('an admin ends a lock before its time, with a reason in the trail; the user can sign in at once', async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '15' });
  const signIn = (password: string) => auth.api.signInEmail({ body: { email: 'lock@test.test', password }, headers: new Headers() });
  await clearSignInFailures(db, 'lock@test.test');
  for (const n of [1, 2, 3]) await assert.rejects(signIn(`wrong-password-${n}`));
  const lock = await signInLock(db, 'lock@test.test');
  assert.equal(lock?.failures, 3);
  const [account] = await db.select({ id: user.id }).from(user).where(eq(user.email, 'lock@test.test'));

  await unlockAccount(db, { actorId: 'admin-1', userId: account!.id, input: { reason: 'User called; typed an old password' } });
  assert.equal(await signInLock(db, 'lock@test.test'), null);
  const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'sign_in_unlocked'));
  assert.equal(entry?.actorId, 'admin-1');
  assert.equal(entry?.entity, 'session');
  assert.equal(entry?.entityId, 'lock@test.test');
  assert.equal(entry?.reason, 'User called; typed an old password');
  assert.deepEqual(entry?.before, { failures: 3, lockedUntil: lock!.lockedUntil.toISOString() });
  assert.ok((await signIn(PASSWORD)).token);

  // Nothing to unlock, or no such user: refused, and nothing written.
  const entriesBefore = await countRows(db, auditLog);
  await assert.rejects(unlockAccount(db, { actorId: 'admin-1', userId: account!.id, input: { reason: 'again' } }), ConflictError);
  await assert.rejects(unlockAccount(db, { actorId: 'admin-1', userId: 'no-such-user', input: { reason: 'again' } }), NotFoundError);
  await assert.rejects(unlockAccount(db, { actorId: 'admin-1', userId: 'nul\u0000', input: { reason: 'again' } }), NotFoundError);
  const entriesAfter = await countRows(db, auditLog);
  assert.equal(entriesAfter, entriesBefore);
});

test('cookies are HttpOnly and SameSite, and Secure when the app is served over HTTPS', async () => {
  const cookieOf = async (url: string) => (await createAuth(db, { BETTER_AUTH_URL: url }).$context).authCookies.sessionToken.attributes;
  const plain = await cookieOf('http://127.0.0.1:3000');
  assert.equal(plain.httpOnly, true);
  assert.equal(plain.sameSite, 'lax');
  const secure = await cookieOf('https://registry.example.org');
  assert.equal(secure.secure, true);
  assert.equal(secure.httpOnly, true);
});

test('a session unused for the idle time ends and is deleted; a used one lives on', async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1' });
  await clearSignInFailures(db, 'lock@test.test');
  const { token } = await auth.api.signInEmail({ body: { email: 'lock@test.test', password: PASSWORD }, headers: new Headers() });
  const [row] = await db.select().from(session).where(eq(session.token, token));
  assert.ok(row);
  assert.equal((await sessionAccess(db, row.token, policy))?.email, 'lock@test.test');
  await db.update(session).set({ lastSeenAt: sql`now() - interval '29 minutes'` }).where(eq(session.id, row.id));
  assert.equal((await sessionAccess(db, row.token, policy))?.email, 'lock@test.test', 'still inside 30 minutes');
  const [touched] = await db.select().from(session).where(eq(session.id, row.id));
  assert.ok(touched && Date.now() - touched.lastSeenAt.getTime() < 60_000, 'use moves the idle clock');
  await db.update(session).set({ lastSeenAt: sql`now() - interval '31 minutes'` }).where(eq(session.id, row.id));
  assert.equal(await sessionAccess(db, row.token, policy), null);
  assert.equal((await db.select().from(session).where(eq(session.id, row.id))).length, 0);
});

test("a session's access: the user's sites, every site for an admin, none once deactivated or expired", async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1' });
  const other = await makeSite(db);
  await createUser(db, { actorId: 'system:test', input: { name: 'Admin Test', email: 'admin@test.test', role: 'admin', siteIds: [], password: PASSWORD } });
  const sessionOf = async (email: string) => {
    const { token } = await auth.api.signInEmail({ body: { email, password: PASSWORD }, headers: new Headers() });
    const [row] = await db.select().from(session).where(eq(session.token, token));
    return row!;
  };
  const clinician = await sessionOf('lock@test.test');
  const access = await sessionAccess(db, clinician.token, policy);
  assert.equal(access?.role, 'clinician');
  assert.equal(access?.siteIds.length, 1);
  assert.ok(!access?.siteIds.includes(other.id));
  const admin = await sessionAccess(db, (await sessionOf('admin@test.test')).token, policy);
  assert.equal(admin?.role, 'admin');
  assert.ok(admin?.siteIds.includes(other.id) && admin.siteIds.includes(access!.siteIds[0]!));
  await db.update(session).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(session.id, clinician.id));
  assert.equal(await sessionAccess(db, clinician.token, policy), null, 'expired');
  const again = await sessionOf('lock@test.test');
  await db.update(user).set({ deactivatedAt: new Date() }).where(eq(user.email, 'lock@test.test'));
  assert.equal(await sessionAccess(db, again.token, policy), null, 'deactivated');
  await db.update(user).set({ deactivatedAt: null }).where(eq(user.email, 'lock@test.test'));
  assert.equal(await sessionAccess(db, 'no-such-session', policy), null);
});

test("the session cookie better-auth sets carries the session's token, signed with the app's secret", async () => {
  const auth = createAuth(db, { BETTER_AUTH_URL: 'http://127.0.0.1:1' });
  const context = await auth.$context;
  await clearSignInFailures(db, 'lock@test.test');
  const { headers, response } = await auth.api.signInEmail({ body: { email: 'lock@test.test', password: PASSWORD }, headers: new Headers(), returnHeaders: true });
  const name = context.authCookies.sessionToken.name;
  const set = headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  assert.ok(set, 'a session cookie is set');
  const cookie = decodeURIComponent(set.slice(name.length + 1).split(';')[0]!);
  assert.equal(verifiedCookieValue(cookie, context.secret), response.token);
  assert.equal(verifiedCookieValue(cookie, `${context.secret}x`), null, 'another secret');
  const forged = `${response.token.slice(0, -1)}${response.token.endsWith('a') ? 'b' : 'a'}${cookie.slice(cookie.lastIndexOf('.'))}`;
  assert.equal(verifiedCookieValue(forged, context.secret), null, 'another token under the same signature');
  assert.equal(verifiedCookieValue(response.token, context.secret), null, 'no signature');
});
