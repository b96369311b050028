import { SignButton } from '@/components/SignDialog';
import { SignatureLine, SignatureList } from '@/components/SignatureList';
import type { Signature } from '@/db/queries/signatures';

/** What a signature signed, in words: "Casebook", "Visit of 2024-01-22". */
export function signedWhat(s: Pick<Signature, 'kind' | 'visitDate'>): string {
  return s.kind === 'patient' ? 'Casebook' : `Visit of ${s.visitDate}`;
}

/** The signer who may sign this patient's records here: their printed name and the hashes the page shows. */
export type Signer = { name: string; casebookHash: string; visitHashes: Map<string, string> } | null;

/** The patient page's signatures: the casebook's and every visit's, each with its validity, and the investigator's button. */
export function SignaturesPanel({ signatures, signer, patientId, patientCode }: { signatures: Signature[]; signer: Signer; patientId: string; patientCode: string }) {
  return (
    <section className="panel" aria-labelledby="signatures">
      <div className="panel-head">
        <h2 id="signatures">Signatures</h2>
        {signer && <SignButton kind="patient" id={patientId} contentHash={signer.casebookHash} what={`casebook of ${patientCode}`} signerName={signer.name} />}
      </div>
      <SignatureList signatures={signatures.map((s) => ({ ...s, what: signedWhat(s) }))} empty="Not signed yet." />
    </section>
  );
}

/** A visit's row: its latest signature (the panel lists them all), and the investigator's button (a second signer may sign too). */
export function VisitSignatureCell({ visit, signatures, signer }: { visit: { id: string; visitDate: string }; signatures: Signature[]; signer: Signer }) {
  const latest = signatures.filter((s) => s.kind === 'visit' && s.recordId === visit.id).at(-1);
  const hash = signer?.visitHashes.get(visit.id);
  return (
    <>
      {latest ? <SignatureLine signature={latest} /> : <span className="muted">not signed</span>}
      {signer && hash && (
        <>
          {' '}
          <SignButton kind="visit" id={visit.id} contentHash={hash} what={`visit of ${visit.visitDate}`} signerName={signer.name} compact />
        </>
      )}
    </>
  );
}
