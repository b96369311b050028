import 'server-only';
import crypto from 'node:crypto';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import type { Access } from '@/lib/auth/access';
import type { Role } from '@/lib/codes';
import { NotFoundError, ValidationError } from '@/lib/errors';
import type { NewUserInput, SiteGrantInput, UserAccessInput } from '@/lib/schemas/user';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { constraintViolation } from '../pg-errors';
import { keepInvestigatorSites } from './investigators';
import { account, session, signInFailures, sites, user, userSites } from '../schema';

/** The sites a user reaches, as SQL over the user row: an admin every site, anyone else those granted. */
export const userSiteIds = sql<string[]>`case when ${user.role} = 'admin' then array(select ${sites.id}::text from ${sites})
  else array(select ${userSites.siteId}::text from ${userSites} where ${userSites.userId} = ${user.id}) end`;

export async function loadAccess(db: Db, userId: string): Promise<Access | null> {
  const [row] = await db
    .select({ id: user.id, name: user.name, email: user.email, role: user.role, deactivatedAt: user.deactivatedAt, siteIds: userSiteIds })
    .from(user)
    .where(eq(user.id, userId));
  if (!row || row.deactivatedAt) return null;
  return { userId: row.id, name: row.name, email: row.email, role: row.role as Role, siteIds: row.siteIds };
}

export async function listUsers(db: Db) {
  const users = await db
    .select({ user, lockedUntil: signInFailures.lockedUntil })
    .from(user)
    .leftJoin(signInFailures, and(eq(signInFailures.email, user.email), gt(signInFailures.lockedUntil, sql`now()`)))
    .orderBy(asc(user.name));
  const memberships = await db
    .select({ userId: userSites.userId, code: sites.code })
    .from(userSites)
    .innerJoin(sites, eq(sites.id, userSites.siteId));
  return users.map(({ user: u, lockedUntil }) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role as Role,
    createdAt: u.createdAt,
    deactivatedAt: u.deactivatedAt,
    /** Set while failed sign-ins lock the account. */
    lockedUntil,
    siteCodes: memberships.filter((m) => m.userId === u.id).map((m) => m.code).sort(),
  }));
}

export async function getUserWithSites(db: Db, userId: string) {
  if (userId.includes('\u0000')) return null; // from the address bar; PostgreSQL would refuse the query
  const [row] = await db.select().from(user).where(eq(user.id, userId));
  if (!row) return null;
  const memberships = await db.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, userId));
  return { ...row, role: row.role as Role, siteIds: memberships.map((m) => m.siteId).sort() };
}

/**
 * Changes a user's role, sites or whether they may sign in, with the values before and after
 * in the audit trail. Deactivating ends the user's sessions. An admin cannot lock themselves out.
 * The investigator right goes with the sites and the role it was given for (investigators.ts).
 */
export async function updateUserAccess(
  db: Db,
  { actorId, userId, input }: { actorId: string; userId: string; input: UserAccessInput },
): Promise<void> {
  if (userId === actorId && (input.role !== 'admin' || !input.active))
    throw new ValidationError({ role: 'You cannot remove your own admin role or deactivate yourself' });
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(user).where(eq(user.id, userId)).for('update');
    if (!row) throw new NotFoundError('User');
    const known = input.siteIds.length ? await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds)) : [];
    if (known.length !== input.siteIds.length) throw new ValidationError({ siteIds: 'Choose sites from the list' });
    const beforeSites = (await tx.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, userId))).map((m) => m.siteId);
    const before = { role: row.role, siteIds: beforeSites.sort(), active: row.deactivatedAt === null };
    const after = { role: input.role, siteIds: [...input.siteIds].sort(), active: input.active };
    await tx
      .update(user)
      .set({ role: input.role, deactivatedAt: input.active ? null : (row.deactivatedAt ?? new Date()), updatedAt: new Date() })
      .where(eq(user.id, userId));
    await tx.delete(userSites).where(eq(userSites.userId, userId));
    if (input.siteIds.length) await tx.insert(userSites).values(input.siteIds.map((siteId) => ({ userId, siteId })));
    if (!input.active) await tx.delete(session).where(eq(session.userId, userId));
    const investigator = await keepInvestigatorSites(tx, { userId, role: input.role, siteIds: input.siteIds });
    const grants = investigator && { before: { investigatorSiteIds: investigator.before }, after: { investigatorSiteIds: investigator.after } };
    await writeAudit(tx, { actorId, action: 'update', entity: 'user', entityId: userId, before: { ...before, ...grants?.before }, after: { ...after, ...grants?.after } });
  });
}

/** Whether a user may have a session: better-auth asks before it creates one. */
export async function isDeactivated(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.id, userId));
  return Boolean(row?.deactivatedAt);
}

/** Creates a user with a credential account; the password is hashed by better-auth. */
export async function createUser(db: Db, { actorId, input }: { actorId: string; input: NewUserInput }): Promise<string> {
  const email = input.email.toLowerCase();
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) throw new ValidationError({ email: `A user with the email ${email} already exists` });
  const known = input.siteIds.length
    ? await db.select({ id: sites.id }).from(sites).where(inArray(sites.id, input.siteIds))
    : [];
  if (known.length !== input.siteIds.length) throw new ValidationError({ siteIds: 'Choose sites from the list' });

  const id = crypto.randomUUID();
  const password = await hashPassword(input.password);
  try {
    await insertUser(db, { id, actorId, email, password, input });
  } catch (e) {
    // Two admins adding one email at the same moment: the unique index settles it.
    if (constraintViolation(e)?.kind === 'unique') throw new ValidationError({ email: `A user with the email ${email} already exists` });
    throw e;
  }
  return id;
}

async function insertUser(
  db: Db,
  { id, actorId, email, password, input }: { id: string; actorId: string; email: string; password: string; input: NewUserInput },
) {
  await db.transaction(async (tx) => {
    await tx.insert(user).values({ id, name: input.name, email, role: input.role, emailVerified: true });
    await tx.insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password });
    if (input.siteIds.length) await tx.insert(userSites).values(input.siteIds.map((siteId) => ({ userId: id, siteId })));
    await writeAudit(tx, {
      actorId,
      action: 'create',
      entity: 'user',
      entityId: id,
      after: { name: input.name, email, role: input.role, siteIds: input.siteIds },
    });
  });
}

/**
 * Gives each chosen user access to a site (one an admin's import has just created, say), in
 * one transaction, with an audit entry per user: their sites before and after. Admins see
 * every site already; deactivated users are not offered and are refused.
 */
export async function grantSite(db: Db, { actorId, input }: { actorId: string; input: SiteGrantInput }): Promise<number> {
  return db.transaction(async (tx) => {
    const [site] = await tx.select().from(sites).where(eq(sites.code, input.siteCode));
    if (!site) throw new ValidationError({ siteCode: `No site ${input.siteCode}` });
    const found = await tx.select().from(user).where(inArray(user.id, input.userIds)).for('update');
    // An id that names no user answers "not found", as every other action does; a user who
    // cannot be given a site (deactivated, or an admin, who sees every site) is a wrong choice.
    if (found.length !== input.userIds.length) throw new NotFoundError('User');
    const chosen = found.filter((u) => !u.deactivatedAt && u.role !== 'admin');
    if (chosen.length !== found.length) throw new ValidationError({ userIds: 'Choose active users other than admins from the list' });
    for (const u of chosen) {
      const beforeSites = (await tx.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, u.id))).map((m) => m.siteId).sort();
      if (beforeSites.includes(site.id)) continue;
      await tx.insert(userSites).values({ userId: u.id, siteId: site.id });
      await writeAudit(tx, {
        actorId,
        action: 'update',
        entity: 'user',
        entityId: u.id,
        before: { role: u.role, siteIds: beforeSites, active: true },
        after: { role: u.role, siteIds: [...beforeSites, site.id].sort(), active: true },
        reason: `Access to site ${site.code}, created by an import`,
      });
    }
    return chosen.length;
  });
}
