import { MEANING_WORDS, validityText, type ShownSignature } from '@/lib/signatures/meaning';
import { timeText } from '@/lib/dates';

export type ListedSignature = ShownSignature & { id: string; what?: string };

/**
 * Signatures as every page shows them (21 CFR Part 11 §11.50): the meaning, the signer's printed
 * name, the date and time in UTC, and whether the signed content is still as signed.
 */
export function SignatureList({ signatures, empty }: { signatures: ListedSignature[]; empty?: string }) {
  if (signatures.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="signatures">
      {signatures.map((s) => (
        <li key={s.id}>
          <SignatureLine signature={s} />
        </li>
      ))}
    </ul>
  );
}

/** One signature on one line: "Reviewed and approved · Claire Martin · 2026-12-02 13:05 UTC", then its validity. */
export function SignatureLine({ signature: s }: { signature: ListedSignature }) {
  return (
    <span className={s.valid ? 'signature' : 'signature invalid'}>
      {s.what && <span className="muted">{s.what}: </span>}
      <strong>{MEANING_WORDS[s.meaning]}</strong> · {s.signerName} · <time dateTime={s.signedAt.toISOString()}>{timeText(s.signedAt)}</time>{' '}
      <span className={s.valid ? 'badge ok' : 'badge warn'}>{validityText(s)}</span>
    </span>
  );
}
