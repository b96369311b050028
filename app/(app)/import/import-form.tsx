'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { importCohortAction, type ImportState } from './actions';

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importCohortAction, { status: 'idle' });
  return (
    <form action={action} aria-label="Import a cohort" className="panel" style={{ display: 'grid', gap: '0.8rem' }}>
      <div className="grid">
        <div className="field">
          <label htmlFor="patients">patients.csv</label>
          <input id="patients" name="patients" type="file" accept=".csv,text/csv" required />
        </div>
        <div className="field">
          <label htmlFor="visits">visits.csv</label>
          <input id="visits" name="visits" type="file" accept=".csv,text/csv" aria-describedby="visits-hint" />
          <span className="hint" id="visits-hint">Optional</span>
        </div>
        <div className="field">
          <label htmlFor="adverseEvents">adverse_events.csv</label>
          <input id="adverseEvents" name="adverseEvents" type="file" accept=".csv,text/csv" aria-describedby="ae-hint" />
          <span className="hint" id="ae-hint">Optional</span>
        </div>
      </div>
      <button type="submit" className="primary" disabled={pending} style={{ justifySelf: 'start' }}>
        {pending ? 'Checking and importing…' : 'Import'}
      </button>
      {state.status === 'imported' && (
        <div className="alert success" role="status">
          {state.summary} <Link href="/cohorts">See the cohorts</Link>
        </div>
      )}
      {state.status === 'error' && (
        <div className="alert error" role="alert">
          {state.message}
        </div>
      )}
      {state.status === 'refused' && (
        <div className="alert error" role="alert">
          <p>
            <strong>
              Nothing was imported: {state.problems.length} problem{state.problems.length === 1 ? '' : 's'}.
            </strong>{' '}
            Correct the files and import them again.
          </p>
          <ul style={{ fontFamily: 'ui-monospace, monospace', fontSize: '0.82rem', maxHeight: 360, overflow: 'auto', margin: '0.4rem 0 0' }}>
            {state.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
