import type { Metadata } from 'next';
import { PageHead } from '@/components/PageHead';
import { TokenTable } from '@/components/tokens/TokenTable';
import { getDb } from '@/db/client';
import { listAllTokens } from '@/db/queries/tokens';
import { requireRole } from '@/server/auth/session';
import { revokeAnyTokenAction } from './actions';

export const metadata: Metadata = { title: 'Access tokens' };

export default async function AdminTokensPage() {
  await requireRole(['admin']);
  const tokens = await listAllTokens(await getDb());
  return (
    <>
      <PageHead back={{ href: '/admin/users', label: 'Users' }} title="Access tokens">
        Every user’s tokens, live ones first. A revoked token is refused at its next request; its user can make a new one on their account page.
      </PageHead>
      <TokenTable tokens={tokens} showOwner revoke={revokeAnyTokenAction} label="Access tokens of every user" />
    </>
  );
}
