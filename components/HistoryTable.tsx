import type { HistoryEntry } from '@/db/queries/history';
import { fieldLabel, fieldOrder, valueText, type RecordEntity } from '@/lib/records/labels';

const ACTIONS: Record<string, string> = { create: 'Created', update: 'Changed', void: 'Voided', review: 'Reviewed' };

/** Every version of a record: who, when (UTC), what changed, and why. Text is rendered as text. */
export function HistoryTable({ entity, entries }: { entity: RecordEntity; entries: HistoryEntry[] }) {
  if (entries.length === 0) return <p className="muted">No history recorded.</p>;
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((e) => (
        <li key={e.seq} className="panel">
          <h2 style={{ fontSize: '1rem' }}>
            {ACTIONS[e.action] ?? e.action}
            {e.version !== null ? `, version ${e.version}` : ''}
          </h2>
          <p className="muted">
            {e.at.toISOString().replace('T', ' ').slice(0, 19)} UTC · {e.actorName ? `${e.actorName} (${e.actorEmail})` : e.actorId} · audit
            entry {e.seq}
          </p>
          {e.reason && (
            <p>
              <strong>Reason:</strong> {e.reason}
            </p>
          )}
          {e.changes.length > 0 && (
            <div className="table-wrap" style={{ marginTop: '0.4rem' }}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    {e.action !== 'create' && <th scope="col">Before</th>}
                    <th scope="col">{e.action === 'create' ? 'Value' : 'After'}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...e.changes].sort((a, b) => fieldOrder(entity, a.field) - fieldOrder(entity, b.field)).map((c) => (
                    <tr key={c.field}>
                      <th scope="row" style={{ fontWeight: 500 }}>
                        {fieldLabel(entity, c.field)}
                      </th>
                      {e.action !== 'create' && <td style={{ whiteSpace: 'normal' }}>{valueText(c.before)}</td>}
                      <td style={{ whiteSpace: 'normal' }}>{valueText(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
