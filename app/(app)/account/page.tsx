import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHead } from '@/components/PageHead';
import { TokenTable } from '@/components/tokens/TokenTable';
import { getDb } from '@/db/client';
import { listTokens } from '@/db/queries/tokens';
import { label } from '@/lib/codes';
import { authPolicy } from '@/server/auth/policy';
import { requireAccess } from '@/server/auth/session';
import { revokeOwnTokenAction } from './actions';
import { NewTokenForm } from './new-token-form';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const access = await requireAccess();
  const tokens = await listTokens(await getDb(), access.userId);
  const policy = authPolicy();
  return (
    <>
      <PageHead title="Your account">
        {access.name} · {access.email} · {label(access.role)}
      </PageHead>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Access tokens</h2>
        <p className="muted">
          A token lets a script read or change data through the API as you, with your role and your sites, without your password. Send it as{' '}
          <code>Authorization: Bearer dmj_…</code>. Revoke a token as soon as it is no longer needed or may have leaked. The{' '}
          <Link href="/api-reference">API reference</Link> lists what a script can do.
        </p>
        <details>
          <summary>Example</summary>
          <pre className="example">curl -H &quot;Authorization: Bearer $DMJ_TOKEN&quot; $DMJ_URL/api/v1/cohorts/COHORT/report?format=csv</pre>
          <p className="muted">
            Keep the token in an environment variable or a secret store, never in the script itself. {policy.maxFailures} wrong tokens from one address lock that address out for {policy.lockMinutes}{' '}
            minutes, as wrong passwords do.
          </p>
        </details>
        <TokenTable tokens={tokens} showOwner={false} revoke={revokeOwnTokenAction} label="Your access tokens" />
        <h3>New token</h3>
        <NewTokenForm />
      </section>
    </>
  );
}
