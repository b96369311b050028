'use client';

import { useState } from 'react';
import { label, type Role } from '@/lib/codes';
import { grantSiteAction } from '../admin/users/actions';
import { ClientForm } from '@/components/form/ClientForm';

export type GrantableUser = { id: string; name: string; email: string; role: Role; siteCodes: string[] };

/** After an import created a site: give the chosen users access to it, in one step. */
export function GrantSiteForm({ siteCode, users }: { siteCode: string; users: GrantableUser[] }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const answer = await grantSiteAction({ siteCode, userIds: chosen });
    setBusy(false);
    if (answer.ok) setResult({ ok: true, text: `${answer.granted === 1 ? '1 user now sees' : `${answer.granted} users now see`} site ${siteCode}.` });
    else setResult({ ok: false, text: answer.fieldErrors?.userIds ?? answer.message });
  }

  const legend = `Give access to the new site ${siteCode}`;
  return (
    <ClientForm onSubmit={submit} aria-label={legend} className="panel">
      <fieldset>
        <legend>{legend}</legend>
        <p className="muted">Nobody but admins sees a new site yet. Choose who works there; each change goes to the audit trail.</p>
        <div className="checks">
          {users.map((u) => (
            <label key={u.id}>
              <input
                type="checkbox"
                checked={chosen.includes(u.id)}
                disabled={result?.ok}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((id) => id !== u.id))}
              />{' '}
              {u.name} · {label(u.role)} {u.siteCodes.length ? `(${u.siteCodes.join(', ')})` : ''}
            </label>
          ))}
        </div>
      </fieldset>
      {result && (
        <div className={`alert ${result.ok ? 'success' : 'error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </div>
      )}
      {!result?.ok && (
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Giving access…' : `Give access to ${siteCode}`}
        </button>
      )}
    </ClientForm>
  );
}
