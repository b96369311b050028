'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useFocusOnRefusal } from '@/components/form/refusal';
import { INTERCHANGE_FILES } from '@/lib/interchange/columns';
import { MAX_IMPORT_FILE_MB, sizeProblem } from '@/lib/interchange/limits';
import { formatProblem } from '@/lib/interchange/problems';
import { importCohortAction, type ImportState } from './actions';
import { GrantSiteForm, type GrantableUser } from './grant-site-form';

const fileInputs = (form: HTMLFormElement) =>
  INTERCHANGE_FILES.map(({ key, file }) => ({ file, input: form.elements.namedItem(key) as HTMLInputElement | null }));

/** Files over the limit, refused here so that they are never sent (the server checks again). */
function oversized(form: HTMLFormElement): string[] {
  return fileInputs(form).flatMap(({ file, input }) => {
    const chosen = input?.files?.[0];
    const problem = chosen ? sizeProblem(file, chosen.size) : null;
    return problem ? [formatProblem(problem)] : [];
  });
}

/**
 * Files saved again since they were chosen (corrected after a refusal, say): the browser no
 * longer reads them, and would fail the whole upload. Each is un-chosen, to be chosen again.
 */
async function changedSinceChosen(form: HTMLFormElement): Promise<string[]> {
  const problems = await Promise.all(
    fileInputs(form).map(async ({ file, input }) => {
      const chosen = input?.files?.[0];
      if (!input || !chosen) return null;
      try {
        await chosen.slice(0, 1).arrayBuffer();
        return null;
      } catch {
        input.value = '';
        return formatProblem({ file, line: 1, column: 'file', message: 'the file has changed since it was chosen: choose it again' });
      }
    }),
  );
  return problems.filter((p) => p !== null);
}

/** Problems listed on the page; the whole list is a download away. */
const SHOWN = 200;

/** The whole list of problems as a text file, saved by the browser. */
function downloadProblems(problems: string[]) {
  const url = URL.createObjectURL(new Blob([problems.join('\n') + '\n'], { type: 'text/plain' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: 'import-problems.txt' });
  link.click();
  URL.revokeObjectURL(url);
}

/** `grantable`: the users an admin may give access to a site the import creates; none for a coordinator. */
export function ImportForm({ grantable }: { grantable: GrantableUser[] }) {
  const [serverState, action, pending] = useActionState<ImportState, FormData>(importCohortAction, { status: 'idle' });
  const [refusedHere, setRefusedHere] = useState<string[]>([]);
  const state: ImportState = useMemo(() => (refusedHere.length ? { status: 'refused', problems: refusedHere } : serverState), [refusedHere, serverState]);
  const formRef = useRef<HTMLFormElement>(null);
  // Once imported the files are un-chosen; after a refusal they stay chosen (see submit).
  useEffect(() => {
    if (serverState.status === 'imported') formRef.current?.reset();
  }, [serverState]);
  // The problems are listed below the button, often beyond the window's lower edge.
  const alertRef = useFocusOnRefusal(state.status === 'error' || state.status === 'refused' ? state : null);
  // Sent from here rather than through the form's action, after which React empties the form:
  // after a refusal, the files that were right stay chosen and only the corrected ones are
  // chosen again. Without script, the form's action sends the files as a plain form would.
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const problems = [...oversized(form), ...(await changedSinceChosen(form))];
    setRefusedHere(problems);
    if (problems.length === 0) startTransition(() => action(new FormData(form)));
  };
  return (
    <>
      <form ref={formRef} action={action} onSubmit={submit} aria-label="Import a cohort" className="panel" style={{ display: 'grid', gap: '0.8rem' }}>
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
              Correct the files, choose again those you changed, and import.
            </p>
            <ul style={{ fontFamily: 'ui-monospace, monospace', fontSize: '0.82rem', maxHeight: 360, overflow: 'auto', margin: '0.4rem 0 0' }}>
              {state.problems.slice(0, SHOWN).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
            {state.problems.length > SHOWN && (
              <p>
                The first {SHOWN} are listed.{' '}
                <button type="button" onClick={() => downloadProblems(state.problems)}>
                  Download all {state.problems.length} problems
                </button>
              </p>
            )}
          </div>
        )}
      </form>
      {state.status === 'imported' &&
        grantable.length > 0 &&
        state.createdSites.map((site) => <GrantSiteForm key={site} siteCode={site} users={grantable} />)}
    </>
  );
}
