'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { VerificationState } from '@/lib/records/verification';
import { VerificationBadge } from './VerificationBadge';
import { verifyRecordAction } from '@/app/(app)/patients/[patientId]/actions';

export type SourceProps = {
  kind: 'visit' | 'adverse_event' | 'relapse';
  id: string;
  version: number;
  /** What the record is, for the button's accessible name ("visit of 2024-01-22"). */
  name: string;
  state: VerificationState;
  verifiedAt: string | null;
  /** Auditors and admins mark records; everyone sees the mark. */
  verifier: boolean;
};

/** A record's source-verification mark in its table row, with the auditor's button to set it. */
export function SourceVerification({ kind, id, version, name, state, verifiedAt, verifier }: SourceProps) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function verify() {
    setBusy(true);
    setError(null);
    const result = await verifyRecordAction({ kind, id, version });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.message);
  }
  return (
    <>
      <VerificationBadge state={state} verifiedAt={verifiedAt} />
      {verifier && state !== 'verified' && (
        <>
          {' '}
          <button type="button" className="link" onClick={verify} disabled={busy} aria-label={`Mark ${name} verified against the source`}>
            {busy ? 'Marking…' : 'Mark verified'}
          </button>
        </>
      )}
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </>
  );
}
