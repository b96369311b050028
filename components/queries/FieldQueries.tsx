'use client';

import Link from 'next/link';
import { createContext, useContext, type ReactNode } from 'react';

// The queries not yet closed on the record a form edits, shown beside the field each names
// (components/form/Field.tsx and CheckGroup.tsx read them). `answering`: the query this edit
// answers (the edit page's ?query=), whose answer is the edit's reason.

export type FormQuery = { id: string; field: string; question: string; state: 'open' | 'answered' };
type Shown = { queries: FormQuery[]; answering: string | null };

const QueriesShown = createContext<Shown>({ queries: [], answering: null });

/** Around an edit form: the queries on its record, and a note on top when the edit answers one. */
export function FormQueries({ queries, answering, children }: Shown & { children: ReactNode }) {
  return (
    <QueriesShown.Provider value={{ queries, answering }}>
      <AnsweringNote />
      {children}
    </QueriesShown.Provider>
  );
}

/** The queries on field `name` of the record edited, if any. */
export function FieldQueries({ name }: { name: string }) {
  const { queries, answering } = useContext(QueriesShown);
  const mine = queries.filter((q) => q.field === name);
  if (mine.length === 0) return null;
  return (
    <>
      {mine.map((q) => (
        <p key={q.id} className="field-query" role="note">
          <span className={`badge ${q.state === 'open' ? 'warn' : 'info'}`}>query {q.state}</span> {q.question}{' '}
          <Link href={`/queries/${q.id}`}>See the query</Link>
          {answering === q.id && <strong> · Saving this form answers it: your reason for the change is the answer.</strong>}
        </p>
      ))}
    </>
  );
}

function AnsweringNote() {
  const { queries, answering } = useContext(QueriesShown);
  const query = queries.find((q) => q.id === answering);
  if (!query) return null;
  return (
    <p className="alert info" role="note">
      You are answering the query “{query.question}”. Change the value, give the reason: saving answers the query and links it to this change.
    </p>
  );
}
