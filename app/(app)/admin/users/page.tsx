import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listAllSites } from '@/db/queries/sites';
import { listUsers } from '@/db/queries/users';
import { requireRole } from '@/server/auth/session';
import { label } from '@/lib/codes';
import { UserForm } from './user-form';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  await requireRole(['admin']);
  const { saved } = await searchParams;
  const db = await getDb();
  const [users, sites] = await Promise.all([listUsers(db), listAllSites(db)]);
  const savedUser = users.find((u) => u.id === saved) ?? null;
  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
        <div className="actions">
          <Link href="/admin/tokens">Access tokens</Link>
        </div>
      </div>
      {savedUser && (
        <div className="alert success" role="status">
          Access of {savedUser.name} saved: {label(savedUser.role).toLowerCase()}, {savedUser.role === 'admin' ? 'all sites' : `sites ${savedUser.siteCodes.join(', ')}`},{' '}
          {savedUser.deactivatedAt ? 'deactivated' : 'may sign in'}.
        </div>
      )}
      <section className="panel" aria-labelledby="new-user">
        <h2 id="new-user">New user</h2>
        <UserForm sites={sites} />
      </section>
      <section aria-labelledby="all-users">
        <h2 id="all-users">All users</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Sites</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
                  </td>
                  <td>{u.email}</td>
                  <td>{label(u.role)}</td>
                  <td>{u.role === 'admin' ? 'all' : u.siteCodes.join(', ')}</td>
                  <td>{u.createdAt.toISOString().slice(0, 10)}</td>
                  <td>
                    {u.deactivatedAt ? <span className="badge">deactivated</span> : <span className="badge ok">active</span>}
                    {u.lockedUntil && (
                      <>
                        {' '}
                        <span className="badge warn">locked until {u.lockedUntil.toISOString().slice(11, 16)} UTC</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
