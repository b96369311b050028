import Link from 'next/link';
import type { ReactNode } from 'react';
import { label } from '@/lib/codes';
import { canImport, canManageUsers, canReview } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { signOut } from './actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const access = await requireAccess();
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
