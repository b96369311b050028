import type { HistoryEntry } from '@/db/queries/history';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const ACTIONS: Record<string, string> = { create: 'Created', update: 'Changed', void: 'Voided', review: 'Reviewed' };

/** Every version of a record: who, when (UTC), what changed, and why. Text is rendered as text. */
export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
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
                  {e.changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row" style={{ fontWeight: 500 }}>
                        {c.field}
                      </th>
                      {e.action !== 'create' && <td style={{ whiteSpace: 'normal' }}>{show(c.before)}</td>}
                      <td style={{ whiteSpace: 'normal' }}>{show(c.after)}</td>
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
