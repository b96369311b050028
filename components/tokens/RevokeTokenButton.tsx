'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionResult } from '@/lib/errors';

/**
 * Revokes a token after a second click ("Revoke" → "Revoke now" / "Keep"): a slip of the mouse
 * must not break someone's script.
 */
export function RevokeTokenButton({ tokenId, name, revoke }: { tokenId: string; name: string; revoke: (tokenId: string) => Promise<ActionResult> }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </button>
    );
  return (
    <span className="inline-confirm">
      <button
        type="button"
        className="danger"
        disabled={busy}
        autoFocus
        aria-label={`Revoke token ${name} now`}
        onClick={async () => {
          setBusy(true);
          setProblem(null);
          const result = await revoke(tokenId);
          setBusy(false);
          if (result.ok) {
            setAsking(false);
            router.refresh();
          } else setProblem(result.message);
        }}
      >
        {busy ? 'Revoking…' : 'Revoke now'}
      </button>
      <button type="button" onClick={() => setAsking(false)} disabled={busy}>
        Keep
      </button>
      {problem && (
        <span className="error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
