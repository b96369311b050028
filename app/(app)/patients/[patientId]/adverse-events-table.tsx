import { RecordLinks } from '@/components/RecordLinks';
import type { AdverseEvent } from '@/db/queries/adverse-events';
import { isSpecialInterest, label } from '@/lib/codes';
import { ScrollEdges } from '@/components/ScrollEdges';

export function AdverseEventsTable({
  patientId,
  events,
  writer,
  raiser,
  source,
}: {
  patientId: string;
  events: AdverseEvent[];
  writer: boolean;
  /** Whether the reader raises queries. */
  raiser: boolean;
  source: (record: { id: string; version: number }, name: string) => React.ReactNode;
}) {
  if (events.length === 0) return <p className="muted">No adverse events recorded.</p>;
  return (
    <ScrollEdges className="table-wrap row-actions">
      <table>
        <caption className="visually-hidden">Adverse events</caption>
        <thead>
          <tr>
            <th scope="col">Onset</th>
            <th scope="col">Term</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">Grade</th>
            <th scope="col">Serious</th>
            <th scope="col">Related</th>
            <th scope="col">Action</th>
            <th scope="col">Outcome</th>
            <th scope="col">End</th>
            <th scope="col">Review</th>
            <th scope="col">Source</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{e.onsetDate}</td>
              <td className="text">{e.term}</td>
              <td>
                {label(e.category)} {isSpecialInterest(e.category) && <span className="badge warn">special interest</span>}
              </td>
              <td className="num">{e.ctcaeGrade}</td>
              <td>{e.serious ? <span className="badge danger">serious</span> : 'no'}</td>
              <td>{e.related ? label(e.related) : '—'}</td>
              <td>{e.action ? label(e.action) : '—'}</td>
              <td>{e.outcome ? label(e.outcome) : '—'}</td>
              <td>{e.ongoing ? 'ongoing' : (e.endDate ?? '—')}</td>
              <td>{e.reviewedAt ? <span className="badge ok">reviewed</span> : <span className="muted">not yet</span>}</td>
              <td>{source(e, `adverse event ${e.term}`)}</td>
              <td>
                <RecordLinks
                  base={`/patients/${patientId}/adverse-events/${e.id}`}
                  name={`adverse event ${e.term}`}
                  writer={writer}
                  raiser={raiser}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollEdges>
  );
}
