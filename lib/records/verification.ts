// Source data verification as the pages show it: a record not yet checked against its source,
// checked and unchanged since, or changed after it was checked (db/queries/verification.ts).

export type VerificationState = 'not_verified' | 'verified' | 'changed';

export const VERIFICATION_WORDS: Record<VerificationState, string> = {
  not_verified: 'not verified',
  verified: 'source verified',
  changed: 'changed since verified',
};

/** "12 / 40 verified (30%)", and how many changed since, for a patient or a site. */
export function verificationSummary({ verified, changed, total }: { verified: number; changed: number; total: number }): string {
  if (total === 0) return 'no records';
  const percent = Math.round((100 * verified) / total);
  return `${verified} / ${total} verified (${percent}%)${changed ? `, ${changed} changed since` : ''}`;
}
