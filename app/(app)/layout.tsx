import Link from 'next/link';
import type { ReactNode } from 'react';
import { label } from '@/lib/codes';
import { canImport, canManageUsers, canReview } from '@/lib/auth/access';
import { getDb } from '@/db/client';
import { awaitingCount } from '@/db/queries/data-queries';
import { canAnswerQuery, canRaiseQuery } from '@/lib/queries/rules';
import { requireAccess } from '@/server/auth/session';
import { signOut } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const access = await requireAccess();
  // The queries waiting for this user: open ones for those who answer, answered ones for their raiser.
  const waiting = await awaitingCount(await getDb(), { userId: access.userId, siteIds: access.siteIds, answers: canAnswerQuery(access.role), raises: canRaiseQuery(access.role) });
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">DM JAKi registry</span>
        <nav aria-label="Main">
          <Link href="/patients">Patients</Link>
          <Link href="/cohorts">Cohorts</Link>
          <Link href="/queries">
            Queries
            {waiting > 0 && (
              <>
                {' '}
                <span className="badge warn">{waiting}</span>
                <span className="visually-hidden"> waiting for you</span>
              </>
            )}
          </Link>
          {canImport(access.role) && <Link href="/import">Import</Link>}
          {canReview(access.role) && <Link href="/adverse-events">Adverse events</Link>}
          {canReview(access.role) && <Link href="/audit">Audit trail</Link>}
          {canManageUsers(access.role) && <Link href="/admin/users">Users</Link>}
        </nav>
        <div className="who">
          <Link href="/account" title="Your account and access tokens">
            {access.name} · {label(access.role)}
          </Link>
          <form action={signOut}>
            <button type="submit">Sign out</button>
          </form>
        </div>
      </header>
      <main id="content">{children}</main>
    </>
  );
}
