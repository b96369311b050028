import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterSelect } from '@/components/form/FilterSelect';
import { PageHead } from '@/components/PageHead';
import { getDb } from '@/db/client';
import { listQueries, queryRaisers } from '@/db/queries/data-query-list';
import { listSites } from '@/db/queries/sites';
import { recordName } from '@/lib/audit/describe';
import { AGE_FILTERS, QUERY_STATES, STATE_WORDS, ageInDays, fieldLabel } from '@/lib/queries/rules';
import { queryString, queryValues, type RawQuery } from '@/lib/review/query-string';
import { requireAccess } from '@/server/auth/session';
import { parseQueriesQuery, type QueriesQuery } from '@/server/review/query-filters';
import { QueryState } from './query-state';

export const metadata: Metadata = { title: 'Queries' };

export default async function QueriesPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const access = await requireAccess();
  const query: QueriesQuery = queryValues(await searchParams);
  const filters = parseQueriesQuery(query);
  const db = await getDb();
  const now = new Date();
  const [rows, sites, raisers] = await Promise.all([
    listQueries(db, { siteIds: access.siteIds, filters, now }),
    listSites(db, { siteIds: access.siteIds }),
    queryRaisers(db, { siteIds: access.siteIds }),
  ]);
  const open = rows.filter((r) => r.state === 'open').length;

  return (
    <>
      <PageHead
        title="Queries"
        actions={
          <a className="button" href={`/api/v1/queries${queryString(query)}`}>
            Queries CSV
          </a>
        }
      >
        {rows.length} quer{rows.length === 1 ? 'y' : 'ies'} at your sites{open ? `, ${open} open` : ''}
      </PageHead>
      <form className="panel" aria-label="Filter queries" action="/queries">
        <div className="grid">
          <FilterSelect name="site" label="Site" value={query.site} options={sites.map((s) => ({ value: s.code, text: `${s.code} · ${s.name}` }))} />
          <FilterSelect name="state" label="State" value={query.state} options={QUERY_STATES.map((s) => ({ value: s, text: STATE_WORDS[s] }))} />
          <FilterSelect name="age" label="Age" value={query.age} options={[...AGE_FILTERS]} />
          <FilterSelect name="raiser" label="Raised by" value={query.raiser} options={raisers.map((r) => ({ value: r.id, text: r.name }))} />
          <div className="field">
            <label htmlFor="filter-patient">Patient code</label>
            <input id="filter-patient" name="patient" defaultValue={query.patient ?? ''} autoComplete="off" />
          </div>
          <div className="field filter-buttons">
            <button type="submit" className="primary">
              Filter
            </button>
            <Link className="button" href="/queries">
              Clear
            </Link>
          </div>
        </div>
      </form>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Queries, open first, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Site</th>
              <th scope="col">Field</th>
              <th scope="col">Question</th>
              <th scope="col">State</th>
              <th scope="col">Raised by</th>
              <th scope="col">Raised (UTC)</th>
              <th scope="col" className="num">Age, days</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((q) => {
              const record = recordName(q.record);
              return (
                <tr key={q.id}>
                  <td className="text">{record.href ? <Link href={record.href}>{record.text}</Link> : record.text}</td>
                  <td>{q.siteCode}</td>
                  <td>{fieldLabel(q.entity, q.field)}</td>
                  <td className="text">
                    <Link href={`/queries/${q.id}`}>{q.question}</Link>
                  </td>
                  <td>
                    <QueryState state={q.state} />
                  </td>
                  <td>{q.raisedByName ?? q.raisedBy}</td>
                  <td>{q.raisedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                  <td className="num">{ageInDays(q.raisedAt, now)}</td>
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No queries match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
