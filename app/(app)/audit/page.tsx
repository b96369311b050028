import type { Metadata } from 'next';
import Link from 'next/link';
import { DateFilter } from '@/components/form/DateFilter';
import { TableScroll } from '@/components/TableScroll';
import { FilterSelect } from '@/components/form/FilterSelect';
import { getDb } from '@/db/client';
import { listAuditTrail, type AuditTrailEntry } from '@/db/queries/audit-trail';
import { siteAndCohortNames, userNames } from '@/db/queries/history';
import { listUsers } from '@/db/queries/users';
import { EvidenceForm } from './evidence-form';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/db/schema/audit';
import { actionWords, actorWords, changeText, describeChanges, entityWords, recordName, type Names } from '@/lib/audit/describe';
import { requireRole } from '@/server/auth/session';
import { dateRangeProblem, parseAuditQuery, patientFilterProblem, type AuditQuery } from '@/server/review/audit-filters';
import { queryString, queryValues, type RawQuery } from '@/lib/review/query-string';

export const metadata: Metadata = { title: 'Audit trail' };

const PAGE_SIZE = 50;

const SHOWN_CHANGES = 6;
const COLUMNS = 7;

/** What an entry changed, field by field in words; the record's history page has the whole of it. */
function Changes({ entry, names }: { entry: AuditTrailEntry; names: Names }) {
  const changes = describeChanges(entry.entity, entry.before, entry.after, names);
  if (changes.length === 0) return null;
  return (
    <ul className="changes">
      {changes.slice(0, SHOWN_CHANGES).map((c) => (
        <li key={c.key} title={c.kind === 'value' ? c.title : undefined}>
          {changeText(c)}
        </li>
      ))}
      {changes.length > SHOWN_CHANGES && <li className="muted">and {changes.length - SHOWN_CHANGES} more</li>}
    </ul>
  );
}

/** Entries next to each other on the page written by one user action, in page order. */
function byAction(entries: AuditTrailEntry[]): AuditTrailEntry[][] {
  const groups: AuditTrailEntry[][] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && e.correlationId && last[0]!.correlationId === e.correlationId) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

function EntryRow({ entry: e, names, admin }: { entry: AuditTrailEntry; names: Names; admin: boolean }) {
  const record = recordName(e.record, { admin });
  return (
    <tr>
      <td className="num">{e.seq}</td>
      <td>{e.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
      <td className="text">{record.href ? <Link href={record.href}>{record.text}</Link> : record.text}</td>
      <td>{actionWords(e.action)}</td>
      <td>
        {actorWords(e.actorId, e.actorName)}
        {e.viaToken && <div className="muted">with token “{e.viaToken}”</div>}
      </td>
      <td className="text">{e.reason ?? ''}</td>
      <td className="changes-cell">
        <Changes entry={e} names={names} />
      </td>
    </tr>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const access = await requireRole(['auditor', 'admin']);
  const q: AuditQuery = queryValues(await searchParams);
  const page = Math.max(1, Number(q.page) || 1);
  const db = await getDb();
  const filters = parseAuditQuery(q, access);
  const patientProblem = patientFilterProblem(q);
  const rangeProblem = dateRangeProblem(q);
  const [{ entries, total }, users, places] = await Promise.all([
    listAuditTrail(db, { filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listUsers(db),
    siteAndCohortNames(db),
  ]);
  const names = { ...places, ...(await userNames(db, entries)) };
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const admin = access.role === 'admin';
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
            {admin ? '' : ' (clinical records of your sites)'} · times in UTC · hash-chained, append-only
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`/api/v1/audit${queryString({ ...q, page: undefined })}`}>
            Export CSV
          </a>
          <a className="button" href="#evidence-title">
            Evidence for an inspection
          </a>
        </div>
      </div>
      <form className="panel" aria-label="Filter the audit trail" action="/audit">
        <div className="grid">
          {select('user', 'User', users.map((u) => ({ value: u.id, text: `${u.name} (${u.email})` })))}
          <div className="field">
            <label htmlFor="filter-patient">Patient code or its beginning</label>
            <input
              id="filter-patient"
              name="patient"
              defaultValue={q.patient ?? ''}
              autoComplete="off"
              aria-invalid={patientProblem ? true : undefined}
              aria-describedby={patientProblem ? 'filter-patient-error filter-patient-hint' : 'filter-patient-hint'}
            />
            <span className="hint" id="filter-patient-hint">
              Codes that begin with it, in any case: wlk finds WLK-001, WLK-002…
            </span>
            {patientProblem && (
              <span className="error" id="filter-patient-error">
                {patientProblem}; it was not applied
              </span>
            )}
          </div>
          {select('entity', 'Record type', AUDIT_ENTITIES.map((e) => ({ value: e, text: entityWords(e) })))}
          <div className="field">
            <label htmlFor="filter-record">Record id</label>
            <input id="filter-record" name="record" defaultValue={q.record ?? ''} autoComplete="off" />
          </div>
          {select('action', 'Action', AUDIT_ACTIONS.map((a) => ({ value: a, text: actionWords(a) })))}
          <DateFilter name="from" label="From" value={q.from} />
          <DateFilter name="to" label="To" value={q.to} />
          {filters.correlationId && <input type="hidden" name="correlation" value={filters.correlationId} />}
          <div className="field" style={{ flexDirection: 'row', gap: '0.5rem', alignItems: 'end' }}>
            <button type="submit" className="primary">
              Filter
            </button>
            <Link className="button" href="/audit">
              Clear
            </Link>
          </div>
        </div>
        {rangeProblem && (
          <p className="alert error" style={{ margin: '0.6rem 0 0' }}>
            {rangeProblem}: the dates were not applied
          </p>
        )}
      </form>
      {filters.correlationId && (
        <p className="alert warn" role="status">
          Showing the entries of one user action only. <Link href={`/audit${queryString(q, { correlation: undefined, page: undefined })}`}>Show every action</Link>
        </p>
      )}
      <TableScroll label="Audit entries">
        <table className="audit-trail">
          <caption className="visually-hidden">Audit entries, newest first; the entries of one user action are grouped</caption>
          <thead>
            <tr>
              <th scope="col" className="num">#</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Record</th>
              <th scope="col">Action</th>
              <th scope="col">Who</th>
              <th scope="col">Reason</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          {byAction(entries).map((group) =>
            group.length > 1 ? (
              <tbody key={group[0]!.seq} className="action-group">
                <tr className="action-head">
                  <td colSpan={COLUMNS}>
                    One action, {group.length} entries written together
                    {group[0]!.correlationId && !filters.correlationId && (
                      <>
                        {' · '}
                        <Link href={`/audit?correlation=${encodeURIComponent(group[0]!.correlationId)}`}>show only this action</Link>
                      </>
                    )}
                  </td>
                </tr>
                {group.map((e) => (
                  <EntryRow key={e.seq} entry={e} names={names} admin={admin} />
                ))}
              </tbody>
            ) : (
              <tbody key={group[0]!.seq}>
                <EntryRow entry={group[0]!} names={names} admin={admin} />
              </tbody>
            ),
          )}
          {entries.length === 0 && (
            <tbody>
              <tr>
                <td colSpan={COLUMNS} className="muted">
                  No entries match.
                </td>
              </tr>
            </tbody>
          )}
        </table>
      </TableScroll>
      <nav aria-label="Pages" style={{ display: 'flex', gap: '1rem', marginTop: '0.6rem' }}>
        {page > 1 && <Link href={`/audit${queryString(q, { page: String(page - 1) })}`}>← Newer</Link>}
        <span className="muted">
          Page {page} of {pages}
        </span>
        {page < pages && <Link href={`/audit${queryString(q, { page: String(page + 1) })}`}>Older →</Link>}
      </nav>
      <EvidenceForm />
    </>
  );
}
