import { timeText } from '@/lib/dates';
// Electronic signatures (21 CFR Part 11 §11.50): what a signer means by signing, chosen when
// they sign and shown with their printed name and the time wherever the signature is shown.

export const SIGNATURE_MEANINGS = ['reviewed_and_approved', 'authored', 'verified_correct'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

export const MEANING_WORDS: Record<SignatureMeaning, string> = {
  reviewed_and_approved: 'Reviewed and approved',
  authored: 'Authored',
  verified_correct: 'Verified as correct',
};

/** What can be signed: one visit, or a patient's whole casebook (the patient and all their records). */
export const SIGNED_KINDS = ['visit', 'patient'] as const;
export type SignedKind = (typeof SIGNED_KINDS)[number];

/** A signature as the pages show it ("Reviewed and approved · Claire Martin · 2026-12-02 13:05 UTC"). */
export type ShownSignature = {
  meaning: SignatureMeaning;
  signerName: string;
  signedAt: Date;
  valid: boolean;
  /** When the signed content first changed after the signature; null while valid, or when no entry says. */
  changedAt: Date | null;
};

/** "Reviewed and approved by Claire Martin, 2026-12-02 13:05 UTC". */
export function signatureText(s: Pick<ShownSignature, 'meaning' | 'signerName' | 'signedAt'>): string {
  return `${MEANING_WORDS[s.meaning]} by ${s.signerName}, ${timeText(s.signedAt)}`;
}

/** "signature valid", or "signature no longer valid: changed on 2026-12-02 13:20 UTC". */
export function validityText(s: Pick<ShownSignature, 'valid' | 'changedAt'>): string {
  if (s.valid) return 'signature valid';
  return s.changedAt ? `signature no longer valid: changed on ${timeText(s.changedAt)}` : 'signature no longer valid: the signed content changed';
}
