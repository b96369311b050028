'use client';

import Link from 'next/link';
import { useActionState, useMemo, useState, type FormEvent } from 'react';
import { useFocusOnRefusal } from '@/components/form/refusal';
import { INTERCHANGE_FILES } from '@/lib/interchange/columns';
import { MAX_IMPORT_FILE_MB, sizeProblem } from '@/lib/interchange/limits';
import { formatProblem } from '@/lib/interchange/problems';
import { importCohortAction, type ImportState } from './actions';
import { GrantSiteForm, type GrantableUser } from './grant-site-form';

/** Files over the limit, refused here so that they are never sent (the server checks again). */
function oversized(form: HTMLFormElement): string[] {
  return INTERCHANGE_FILES.flatMap(({ key, file }) => {
    const chosen = (form.elements.namedItem(key) as HTMLInputElement | null)?.files?.[0];
    const problem = chosen ? sizeProblem(file, chosen.size) : null;
    return problem ? [formatProblem(problem)] : [];
  });
}

/** `grantable`: the users an admin may give access to a site the import creates; none for a coordinator. */
export function ImportForm({ grantable }: { grantable: GrantableUser[] }) {
  const [serverState, action, pending] = useActionState<ImportState, FormData>(importCohortAction, { status: 'idle' });
  const [tooLarge, setTooLarge] = useState<string[]>([]);
  const state: ImportState = useMemo(() => (tooLarge.length ? { status: 'refused', problems: tooLarge } : serverState), [tooLarge, serverState]);
  // The problems are listed below the button, often beyond the window's lower edge.
  const alertRef = useFocusOnRefusal(state.status === 'error' || state.status === 'refused' ? state : null);
  const checkSizes = (e: FormEvent<HTMLFormElement>) => {
    const problems = oversized(e.currentTarget);
    setTooLarge(problems);
    if (problems.length) e.preventDefault();
  };
  return (
    <>
      <form action={action} onSubmit={checkSizes} aria-label="Import a cohort" className="panel" style={{ display: 'grid', gap: '0.8rem' }}>
        <div className="grid">
          {INTERCHANGE_FILES.map(({ key, file, required }) => (
            <div className="field" key={key}>
              <label htmlFor={key}>{file}</label>
              <input id={key} name={key} type="file" accept=".csv,text/csv" required={required} aria-describedby={required ? undefined : `${key}-hint`} />
              {!required && (
                <span className="hint" id={`${key}-hint`}>
                  Optional
                </span>
              )}
            </div>
          ))}
        </div>
        <p className="hint" style={{ margin: 0 }}>
          At most {MAX_IMPORT_FILE_MB} MB per file.
        </p>
        <button type="submit" className="primary" disabled={pending} style={{ justifySelf: 'start' }}>
          {pending ? 'Checking and importing…' : 'Import'}
        </button>
        {state.status === 'imported' && (
          <div className="alert success" role="status">
            {state.summary} <Link href="/cohorts">See the cohorts</Link>
          </div>
        )}

        {state.status === 'error' && (
          <div ref={alertRef} className="alert error" role="alert" tabIndex={-1}>
            {state.message}
          </div>
        )}
        {state.status === 'refused' && (
          <div ref={alertRef} className="alert error" role="alert" tabIndex={-1}>
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
      {state.status === 'imported' &&
        grantable.length > 0 &&
        state.createdSites.map((site) => <GrantSiteForm key={site} siteCode={site} users={grantable} />)}
    </>
  );
}
