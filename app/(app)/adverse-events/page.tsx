import type { Metadata } from 'next';
import Link from 'next/link';
import { DateFilter } from '@/components/form/DateFilter';
import { FilterSelect } from '@/components/form/FilterSelect';
import { getDb } from '@/db/client';
import { listAdverseEvents } from '@/db/queries/adverse-event-listing';
import { listSites } from '@/db/queries/sites';
import { openQueriesPerEvent } from '@/db/queries/data-queries';
import { requireRole } from '@/server/auth/session';
import { AE_CATEGORIES, isSpecialInterest, label } from '@/lib/codes';
import { parseAeQuery, type AeQuery } from '@/server/review/ae-filters';
import { queryString, queryValues, type RawQuery } from '@/lib/review/query-string';

export const metadata: Metadata = { title: 'Adverse events' };

const COLUMNS = [
  { key: 'patient', title: 'Patient' },
  { key: 'site', title: 'Site' },
  { key: null, title: 'Drug, mg/day' },
  { key: null, title: 'Term' },
  { key: 'category', title: 'Category' },
  { key: 'onset', title: 'Onset' },
  { key: 'grade', title: 'Grade' },
  { key: null, title: 'Serious' },
  { key: null, title: 'Related' },
  { key: null, title: 'Outcome' },
  { key: null, title: 'Review' },
  { key: null, title: 'Open queries' },
] as const;

export default async function AdverseEventsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const access = await requireRole(['auditor', 'admin']);
  const query: AeQuery = queryValues(await searchParams);
  const { filters, sort } = parseAeQuery(query);
  const db = await getDb();
  const [events, sites] = await Promise.all([listAdverseEvents(db, { siteIds: access.siteIds, filters, sort }), listSites(db, { siteIds: access.siteIds })]);
  const openQueries = await openQueriesPerEvent(db, { eventIds: events.map((e) => e.id) });
  const select = (name: keyof AeQuery, title: string, options: { value: string; text: string }[]) => (
    <FilterSelect name={name} label={title} value={query[name]} options={options} />
  );
  const yesNo = [
    { value: 'yes', text: 'Yes' },
    { value: 'no', text: 'No' },
  ];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Adverse events</h1>
          <p className="muted">
            {events.length} event{events.length === 1 ? '' : 's'} at your sites
          </p>
        </div>
        <div className="actions">
          <a className="button" href={`/api/v1/adverse-events/line-listing${queryString(query, { format: 'csv' })}`}>
            Line listing CSV
          </a>
          <a className="button" href={`/api/v1/adverse-events/line-listing${queryString(query, { format: 'pdf' })}`}>
            Line listing PDF
          </a>
        </div>
      </div>
      <form className="panel" aria-label="Filter adverse events" action="/adverse-events">
        <div className="grid">
          {select('site', 'Site', sites.map((s) => ({ value: s.code, text: `${s.code} · ${s.name}` })))}
          {select('category', 'Category', AE_CATEGORIES.map((c) => ({ value: c, text: label(c) })))}
          {select('grade', 'CTCAE grade', ['1', '2', '3', '4', '5'].map((g) => ({ value: g, text: g })))}
          {select('serious', 'Serious', yesNo)}
          {select('special', 'Special interest', yesNo)}
          {select('reviewed', 'Reviewed', yesNo)}
          <DateFilter name="from" label="Onset from" value={query.from} />
          <DateFilter name="to" label="Onset to" value={query.to} />
          <input type="hidden" name="sort" value={sort.key} />
          <input type="hidden" name="dir" value={sort.dir} />
          <div className="field" style={{ justifyContent: 'end', flexDirection: 'row', gap: '0.5rem', alignItems: 'end' }}>
            <button type="submit" className="primary">
              Filter
            </button>
            <Link className="button" href="/adverse-events">
              Clear
            </Link>
          </div>
        </div>
      </form>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Adverse events, sorted by {sort.key} {sort.dir === 'asc' ? 'ascending' : 'descending'}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = c.key === sort.key;
                return (
                  <th key={c.title} scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {c.key ? (
                      <Link href={`/adverse-events${queryString(query, { sort: c.key, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}`}>
                        {c.title}
                        {active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </Link>
                    ) : (
                      c.title
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link href={`/patients/${e.patientId}`}>{e.patientCode}</Link>
                </td>
                <td>{e.siteCode}</td>
                <td>
                  {label(e.jakiDrug)} {e.jakiDoseMgDay}
                </td>
                <td className="text">
                  <Link href={`/adverse-events/${e.id}`}>{e.term}</Link>
                </td>
                <td>
                  {label(e.category)} {isSpecialInterest(e.category) && <span className="badge warn">special interest</span>}
                </td>
                <td>{e.onsetDate}</td>
                <td className="num">{e.ctcaeGrade}</td>
                <td>{e.serious ? <span className="badge danger">serious</span> : 'no'}</td>
                <td>{e.related ? label(e.related) : '—'}</td>
                <td>{e.outcome ? label(e.outcome) : '—'}</td>
                <td>{e.reviewedAt ? <span className="badge ok">reviewed</span> : <span className="muted">to review</span>}</td>
                <td className="num">
                  {openQueries.get(e.id) ? (
                    <Link className="badge warn" href={`/queries${queryString({ patient: e.patientCode, state: 'open' })}`} aria-label={`${openQueries.get(e.id)} open queries on ${e.term}`}>
                      {openQueries.get(e.id)}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
            {events.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="muted">
                  No adverse events match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
