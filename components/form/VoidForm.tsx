'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ActionResult } from '@/lib/errors';
import { FormAlert, useRefusal } from './refusal';
import { ClientForm } from '@/components/form/ClientForm';

/**
 * Voids a record: it stays in the database and its history, marked void with the reason.
 * Behind a disclosure so that it is never one click away.
 */
export function VoidForm({
  what,
  version,
  action,
  redirectTo,
}: {
  what: string;
  version: number;
  action: (values: { reason: string; version: number }) => Promise<ActionResult>;
  redirectTo: string;
}) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refuse, clear, alert } = useRefusal();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    clear();
    const result = await action({ reason, version });
    setBusy(false);
    if (result.ok) {
      router.push(redirectTo);
      router.refresh();
    } else {
      setError(result.fieldErrors?.reason ?? null);
      refuse(result);
    }
  }

  return (
    <details className="panel" style={{ marginTop: '1.5rem' }}>
      <summary>Void this {what}</summary>
      <ClientForm onSubmit={submit} aria-label={`Void ${what}`} style={{ marginTop: '0.6rem', display: 'grid', gap: '0.5rem', maxWidth: 520 }}>
        <FormAlert {...alert} />
        <p className="muted">
          A voided {what} leaves lists and reports but is never deleted: it stays in its history with your reason.
        </p>
        <div className="field">
          <label htmlFor="void-reason">Reason for voiding</label>
          <textarea
            id="void-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby="void-reason-error"
          />
          <span className="error" id="void-reason-error" aria-live="polite">
            {error}
          </span>
        </div>
        <button type="submit" disabled={busy} style={{ justifySelf: 'start', borderColor: 'var(--danger)', color: 'var(--danger)' }}>
          {busy ? 'Voiding…' : `Void ${what}`}
        </button>
      </ClientForm>
    </details>
  );
}
