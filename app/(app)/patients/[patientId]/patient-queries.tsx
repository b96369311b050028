import Link from 'next/link';
import type { QueryListRow } from '@/db/queries/data-query-list';
import { QueryState } from '@/app/(app)/queries/query-state';
import { recordName } from '@/lib/audit/describe';
import { fieldLabel } from '@/lib/queries/rules';

/** The patient's queries not yet closed, on the patient page; the closed ones are in the Queries list. */
export function PatientQueries({ patientCode, queries }: { patientCode: string; queries: QueryListRow[] }) {
  if (queries.length === 0) return null;
  const shown = queries.filter((q) => q.state !== 'closed');
  const closed = queries.length - shown.length;
  return (
    <section className="panel" aria-labelledby="queries">
      <h2 id="queries">Queries</h2>
      {shown.length > 0 && (
        <ul className="query-steps">
          {shown.map((q) => (
            <li key={q.id}>
              <QueryState state={q.state} /> <strong>{fieldLabel(q.entity, q.field)}</strong> · {recordName(q.record).text.replace(`${patientCode} · `, '')}:{' '}
              <Link href={`/queries/${q.id}`}>{q.question}</Link>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {closed > 0 && `${closed} closed. `}
        <Link href={`/queries?patient=${encodeURIComponent(patientCode)}`}>All queries of {patientCode}</Link>
      </p>
    </section>
  );
}
