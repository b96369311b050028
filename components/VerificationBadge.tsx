import type { VerificationState } from '@/lib/records/verification';
import { VERIFICATION_WORDS } from '@/lib/records/verification';

/**
 * A record's source-verification mark. Rendered on the server for those who only read it,
 * so that a long table sends no client component per row; SourceVerification adds the
 * auditor's button.
 */
export function VerificationBadge({ state, verifiedAt }: { state: VerificationState; verifiedAt: string | null }) {
  return state === 'verified' ? (
    <span className="badge ok" title={verifiedAt ? `Verified ${verifiedAt.slice(0, 16).replace('T', ' ')} UTC` : undefined}>
      {VERIFICATION_WORDS.verified}
    </span>
  ) : state === 'changed' ? (
    <span className="badge warn">{VERIFICATION_WORDS.changed}</span>
  ) : (
    <span className="muted">{VERIFICATION_WORDS.not_verified}</span>
  );
}
