import { RecordLinks } from '@/components/RecordLinks';
import type { Relapse } from '@/db/queries/relapses';
import { label } from '@/lib/codes';
import { ScrollEdges } from '@/components/ScrollEdges';

export function RelapsesTable({
  patientId,
  relapses,
  writer,
  raiser,
  source,
}: {
  patientId: string;
  relapses: Relapse[];
  writer: boolean;
  /** Whether the reader raises queries. */
  raiser: boolean;
  source: (record: { id: string; version: number }, name: string) => React.ReactNode;
}) {
  if (relapses.length === 0) return <p className="muted">No relapses recorded.</p>;
  return (
    <ScrollEdges className="table-wrap row-actions">
      <table>
        <caption className="visually-hidden">Relapses</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Domain</th>
            <th scope="col">Action taken</th>
            <th scope="col">Source</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {relapses.map((r) => {
            const name = `${label(r.domain).toLowerCase()} relapse of ${r.relapseDate}`;
            return (
              <tr key={r.id}>
                <td>{r.relapseDate}</td>
                <td>{label(r.domain)}</td>
                <td>{r.action === 'none' ? 'Nothing changed' : r.action ? label(r.action) : '—'}</td>
                <td>{source(r, name)}</td>
                <td>
                  <RecordLinks base={`/patients/${patientId}/relapses/${r.id}`} name={name} writer={writer} raiser={raiser} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollEdges>
  );
}
