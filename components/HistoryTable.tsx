import Link from 'next/link';
import type { HistoryEntity, HistoryEntry } from '@/db/queries/history';
import { actionWords, describeChanges, type Change, type Grid, type Names } from '@/lib/audit/describe';

/** When an entry was written, in UTC to the second. */
function when(at: Date): string {
  return `${at.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** A calculator's items as its grid; the cells this version changed are marked, with their value before. */
function ItemGrid({ label, grid }: { label: string; grid: Grid }) {
  return (
    <div className="table-wrap history-grid">
      <table>
        <caption className="visually-hidden">
          {label}
          {grid.changed ? `: ${grid.changed} changed, marked` : ''}
        </caption>
        <thead>
          <tr>
            <td />
            {grid.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, i) => (
                <td key={i} colSpan={cell.span} className={cell.was === null ? undefined : 'changed'}>
                  {cell.was === null ? (
                    cell.text
                  ) : (
                    <>
                      <span className="was">{cell.was}</span> → <strong>{cell.text}</strong>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChangeRow({ change, created }: { change: Change; created: boolean }) {
  return (
    <tr>
      <th scope="row">{change.label}</th>
      <td className="text" title={change.kind === 'value' ? change.title : undefined}>
        {change.kind === 'grid' ? (
          <ItemGrid label={change.label} grid={change.grid} />
        ) : created || change.before === null ? (
          change.after
        ) : (
          <>
            <span className="was">{change.before}</span> → <strong>{change.after}</strong>
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * Every version of a record: what was done, who, when (UTC), why, and each field it set or
 * changed with its form's label, in the form's order. `auditTrail`: the reader may open the
 * audit trail, where an entry written with others by one action is shown with them.
 */
export function HistoryTable({ entity, entries, names, auditTrail }: { entity: HistoryEntity; entries: HistoryEntry[]; names: Names; auditTrail: boolean }) {
  if (entries.length === 0) return <p className="muted">No history recorded.</p>;
  return (
    <ol className="history">
      {entries.map((e) => {
        const created = e.action === 'create';
        const changes = describeChanges(entity, e.before, e.after, names);
        return (
          <li key={e.seq} className="panel">
            <h2>
              {actionWords(e.action)}
              {e.version !== null ? `, version ${e.version}` : ''}
            </h2>
            <p className="muted">
              {when(e.at)} · {e.actorName ? `${e.actorName} (${e.actorEmail})` : e.actorId} · audit entry {e.seq}
              {auditTrail && e.correlationId && (
                <>
                  {' · '}
                  <Link href={`/audit?correlation=${encodeURIComponent(e.correlationId)}`}>everything this action wrote</Link>
                </>
              )}
            </p>
            {e.reason && (
              <p>
                <strong>Reason:</strong> {e.reason}
              </p>
            )}
            {changes.length > 0 && (
              <div className="table-wrap history-changes">
                <table>
                  <caption className="visually-hidden">{created ? 'The values recorded' : 'The fields changed, before and after'}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">{created ? 'Value' : 'Before → after'}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <ChangeRow key={c.key} change={c} created={created} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
