import 'server-only';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { canWriteClinical } from '@/lib/auth/access';
import type { Role } from '@/lib/codes';
import { NotFoundError, ValidationError } from '@/lib/errors';
import type { InvestigatorInput } from '@/lib/schemas/user';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { investigatorSites, user, userSites } from '../schema';

// The investigator right: a user may sign records (db/queries/signatures.ts) of the sites an
// admin gave it for. It is given only to clinicians and coordinators, for sites they work at;
// changing a user's role or sites takes back what no longer fits (keepInvestigatorSites).

/** The sites where the user holds the right, sorted. */
export async function investigatorSiteIds(db: Db, userId: string): Promise<string[]> {
  if (userId.includes('\u0000')) return []; // from the address bar; PostgreSQL would refuse the query
  const rows = await db.select({ siteId: investigatorSites.siteId }).from(investigatorSites).where(eq(investigatorSites.userId, userId));
  return rows.map((r) => r.siteId).sort();
}

/**
 * An admin sets the sites where a user is an investigator, some of the user's own sites. The
 * audit entry holds the sites before and after; choosing what is already so writes nothing.
 */
export async function setInvestigatorSites(db: Db, { actorId, userId, input }: { actorId: string; userId: string; input: InvestigatorInput }): Promise<void> {
  if (userId.includes('\u0000')) throw new NotFoundError('User');
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ role: user.role }).from(user).where(eq(user.id, userId)).for('update');
    if (!row) throw new NotFoundError('User');
    const chosen = [...new Set(input.siteIds)].sort();
    if (chosen.length && !canWriteClinical(row.role as Role))
      throw new ValidationError({ siteIds: 'Only clinicians and coordinators can be investigators: change the role first' });
    const own = new Set((await tx.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, userId))).map((r) => r.siteId));
    if (chosen.some((id) => !own.has(id))) throw new ValidationError({ siteIds: "Choose among the user's own sites" });
    const before = await investigatorSiteIds(tx, userId);
    if (before.join() === chosen.join()) return;
    await tx.delete(investigatorSites).where(and(eq(investigatorSites.userId, userId), chosen.length ? notInArray(investigatorSites.siteId, chosen) : undefined));
    const added = chosen.filter((id) => !before.includes(id));
    if (added.length) await tx.insert(investigatorSites).values(added.map((siteId) => ({ userId, siteId, grantedBy: actorId })));
    await writeAudit(tx, { actorId, action: 'update', entity: 'user', entityId: userId, before: { investigatorSiteIds: before }, after: { investigatorSiteIds: chosen } });
  });
}

/**
 * In the caller's transaction, after a user's role or sites changed: the right stays only at the
 * sites kept, and only for a role that enters clinical data. The sites before and after, when
 * some went (for the caller's audit entry); null when nothing changed.
 */
export async function keepInvestigatorSites(tx: Db, { userId, role, siteIds }: { userId: string; role: Role; siteIds: string[] }): Promise<{ before: string[]; after: string[] } | null> {
  const before = await investigatorSiteIds(tx, userId);
  const kept = canWriteClinical(role) ? before.filter((id) => siteIds.includes(id)) : [];
  if (kept.length === before.length) return null;
  const gone = before.filter((id) => !kept.includes(id));
  await tx.delete(investigatorSites).where(and(eq(investigatorSites.userId, userId), inArray(investigatorSites.siteId, gone)));
  return { before, after: kept };
}
