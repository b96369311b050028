import { TableScroll } from '@/components/TableScroll';
import type { TokenRow } from '@/db/queries/tokens';
import { timeText } from '@/lib/dates';
import type { ActionResult } from '@/lib/errors';
import { RevokeTokenButton } from './RevokeTokenButton';

type Listed = TokenRow & { userName?: string; userEmail?: string };

function Status({ token, now }: { token: Listed; now: Date }) {
  if (token.revokedAt) return <span className="badge">revoked {token.revokedAt.toISOString().slice(0, 10)}</span>;
  if (token.expiresAt <= now) return <span className="badge">expired</span>;
  return <span className="badge ok">active</span>;
}

/** Tokens with what they may do and when they were last used; the live ones can be revoked. */
export function TokenTable({ tokens, showOwner, revoke, label }: { tokens: Listed[]; showOwner: boolean; revoke: (tokenId: string) => Promise<ActionResult>; label: string }) {
  const now = new Date();
  return (
    <TableScroll label={label}>
      <table>
        <thead>
          <tr>
            {showOwner && <th>User</th>}
            <th>Name</th>
            <th>May</th>
            <th>Begins with</th>
            <th>Made</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>Status</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={showOwner ? 9 : 8} className="muted">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens.map((t) => (
            <tr key={t.id}>
              {showOwner && (
                <td className="text">
                  {t.userName} <span className="muted">({t.userEmail})</span>
                </td>
              )}
              <td className="text">{t.name}</td>
              <td>{t.scopes.join(', ')}</td>
              <td>
                <code>{t.hint}…</code>
              </td>
              <td>{t.createdAt.toISOString().slice(0, 10)}</td>
              <td>{t.expiresAt.toISOString().slice(0, 10)}</td>
              <td>{t.lastUsedAt ? timeText(t.lastUsedAt) : <span className="muted">never</span>}</td>
              <td>
                <Status token={t} now={now} />
              </td>
              <td>{!t.revokedAt && t.expiresAt > now && <RevokeTokenButton tokenId={t.id} name={t.name} revoke={revoke} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
