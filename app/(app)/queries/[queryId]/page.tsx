import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { getQuery } from '@/db/queries/data-queries';
import { recordName } from '@/lib/audit/describe';
import { timeText } from '@/lib/dates';
import { canWriteClinical } from '@/lib/auth/access';
import { STEP_WORDS, fieldLabel, mayTake } from '@/lib/queries/rules';
import { requireAccess } from '@/server/auth/session';
import { editHref, historyHref } from '../links';
import { QueryState } from '../query-state';
import { StepForm } from './step-form';

export const metadata: Metadata = { title: 'Query' };


export default async function QueryPage({ params }: { params: Promise<{ queryId: string }> }) {
  const { queryId } = await params;
  const access = await requireAccess();
  const db = await getDb();
  const found = await getQuery(db, { queryId, siteIds: access.siteIds });
  if (!found) notFound();
  const { query, row } = found;
  const record = recordName(row.record);
  const field = fieldLabel(query.entity, query.field);
  const may = (step: 'answer' | 'close' | 'reopen') => mayTake(step, access, query);

  return (
    <>
      <PageHead back={{ href: '/queries', label: 'Queries' }} title={<>Query on {field}</>}>
        {record.href ? <Link href={record.href}>{record.text}</Link> : record.text} · {row.siteCode} · <QueryState state={query.state} />
      </PageHead>
      <section className="panel" aria-labelledby="steps">
        <h2 id="steps">Steps</h2>
        <ol className="query-steps">
          {query.steps.map((s, i) => (
            <li key={i}>
              <strong>{STEP_WORDS[s.step]}</strong> by {s.actorName ?? s.actorId}, {timeText(s.at)}
              {s.text && <div>{s.text}</div>}
              {s.changedVersion !== null && (
                <div>
                  Value changed: version {s.changedVersion} of the record (<Link href={historyHref(query)}>see the change in its history</Link>)
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
      {may('answer') && (
        <section className="panel" aria-labelledby="answer">
          <h2 id="answer">Answer</h2>
          {canWriteClinical(access.role) && (
            <p>
              <Link className="button primary" href={editHref(query)}>
                Change the value in the form
              </Link>{' '}
              <span className="muted">The edit asks for a reason, which answers the query.</span>
            </p>
          )}
          <StepForm step="answer" queryId={query.id} />
        </section>
      )}
      {(may('close') || may('reopen')) && (
        <section className="panel" aria-labelledby="decide">
          <h2 id="decide">{query.state === 'closed' ? 'Open again' : 'Close or send back'}</h2>
          <div className="grid pairs">
            {may('close') && <StepForm step="close" queryId={query.id} />}
            {may('reopen') && <StepForm step="reopen" queryId={query.id} />}
          </div>
        </section>
      )}
    </>
  );
}
