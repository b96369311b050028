import type { Metadata } from 'next';
import Link from 'next/link';
import { DateFilter } from '@/components/form/DateFilter';
import { TableScroll } from '@/components/TableScroll';
import { FilterSelect } from '@/components/form/FilterSelect';
import { getDb } from '@/db/client';
import { listAuditTrail } from '@/db/queries/audit-trail';
import { changedFields } from '@/db/queries/history';
import { listUsers } from '@/db/queries/users';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/db/schema/audit';
import { requireRole } from '@/server/auth/session';
import { parseAuditQuery, type AuditQuery } from '@/server/review/audit-filters';
import { queryString, queryValues, type RawQuery } from '@/lib/review/query-string';

export const metadata: Metadata = { title: 'Audit trail' };

const PAGE_SIZE = 50;

const SHOWN_CHANGES = 6;

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** What an entry changed, field by field; the record's history page has the whole of it. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const changes = changedFields(before, after);
  if (changes.length === 0) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: '1rem' }}>
      {changes.slice(0, SHOWN_CHANGES).map((c) => (
        <li key={c.field}>
          {c.field}: {before ? `${show(c.before)} → ` : ''}
          {show(c.after)}
        </li>
      ))}
      {changes.length > SHOWN_CHANGES && <li className="muted">and {changes.length - SHOWN_CHANGES} more</li>}
    </ul>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const access = await requireRole(['auditor', 'admin']);
  const q: AuditQuery = queryValues(await searchParams);
  const page = Math.max(1, Number(q.page) || 1);
  const db = await getDb();
  const filters = parseAuditQuery(q, access);
  const [{ entries, total }, users] = await Promise.all([
    listAuditTrail(db, { filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listUsers(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const select = (name: keyof AuditQuery, title: string, options: { value: string; text: string }[]) => (
    <FilterSelect name={name} label={title} value={q[name]} options={options} />
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit trail</h1>
          <p className="muted">
            {total} entr{total === 1 ? 'y' : 'ies'}
            {access.role === 'admin' ? '' : ' (clinical records of your sites)'} · hash-chained, append-only
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`/api/v1/audit${queryString({ ...q, page: undefined })}`}>
            Export CSV
          </a>
        </div>
      </div>
      <form className="panel" aria-label="Filter the audit trail" action="/audit">
        <div className="grid">
          {select('user', 'User', users.map((u) => ({ value: u.id, text: `${u.name} (${u.email})` })))}
          {select('entity', 'Record type', AUDIT_ENTITIES.map((e) => ({ value: e, text: e.replace('_', ' ') })))}
          <div className="field">
            <label htmlFor="filter-record">Record id</label>
            <input id="filter-record" name="record" defaultValue={q.record ?? ''} autoComplete="off" />
          </div>
          {select('action', 'Action', AUDIT_ACTIONS.map((a) => ({ value: a, text: a.replaceAll('_', ' ') })))}
          <DateFilter name="from" label="From" value={q.from} />
          <DateFilter name="to" label="To" value={q.to} />
          <div className="field" style={{ flexDirection: 'row', gap: '0.5rem', alignItems: 'end' }}>
            <button type="submit" className="primary">
              Filter
            </button>
            <Link className="button" href="/audit">
              Clear
            </Link>
          </div>
        </div>
      </form>
      <TableScroll label="Audit entries">
        <table>
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Reason</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>{e.actorName ?? e.actorId}</td>
                <td>{e.action.replace('_', ' ')}</td>
                <td>
                  {e.entity.replace('_', ' ')} <span className="muted" style={{ fontSize: '0.8rem' }}>{e.entityId}</span>
                </td>
                <td className="text">{e.reason ?? ''}</td>
                <td style={{ whiteSpace: 'normal', fontSize: '0.8rem', maxWidth: 460, wordBreak: 'break-word' }}>
                  <Changes before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
            {entries.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  No entries match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      <nav aria-label="Pages" style={{ display: 'flex', gap: '1rem', marginTop: '0.6rem' }}>
        {page > 1 && <Link href={`/audit${queryString(q, { page: String(page - 1) })}`}>← Newer</Link>}
        <span className="muted">
          Page {page} of {pages}
        </span>
        {page < pages && <Link href={`/audit${queryString(q, { page: String(page + 1) })}`}>Older →</Link>}
      </nav>
    </>
  );
}
