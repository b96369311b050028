import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { investigatorSiteIds } from '@/db/queries/investigators';
import { signInLock } from '@/db/queries/sign-in';
import { listAllSites } from '@/db/queries/sites';
import { getUserWithSites } from '@/db/queries/users';
import { requireRole } from '@/server/auth/session';
import { canSign } from '@/lib/auth/access';
import { AccessForm } from './access-form';
import { InvestigatorForm } from './investigator-form';
import { UnlockForm } from './unlock-form';

export const metadata: Metadata = { title: 'User access' };

export default async function UserAccessPage({ params }: { params: Promise<{ userId: string }> }) {
  await requireRole(['admin']);
  const { userId } = await params;
  const db = await getDb();
  const [found, sites] = await Promise.all([getUserWithSites(db, userId), listAllSites(db)]);
  if (!found) notFound();
  const [lock, investigatorAt] = await Promise.all([signInLock(db, found.email), investigatorSiteIds(db, found.id)]);
  const ownSites = sites.filter((s) => found.siteIds.includes(s.id));
  return (
    <>
      <div className="page-head">
        <div>
          <p>
            <Link href="/admin/users">← Users</Link>
          </p>
          <h1>{found.name}</h1>
          <p className="muted">
            {found.email}
            {found.deactivatedAt ? ` · deactivated ${found.deactivatedAt.toISOString().slice(0, 10)}` : ''}
          </p>
        </div>
      </div>
      {lock && <UnlockForm userId={found.id} failures={lock.failures} lockedUntil={lock.lockedUntil.toISOString()} />}
      <AccessForm
        userId={found.id}
        sites={sites}
        defaultValues={{ role: found.role, siteIds: found.siteIds, active: found.deactivatedAt === null }}
      />
      {canSign(found.role) && ownSites.length > 0 ? (
        <InvestigatorForm userId={found.id} sites={ownSites} siteIds={investigatorAt} />
      ) : (
        <p className="muted">Only clinicians and coordinators, at their own sites, can be given the investigator right (signing records).</p>
      )}
    </>
  );
}
