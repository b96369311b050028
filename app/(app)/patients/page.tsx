import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listPatients } from '@/db/queries/patients';
import { listSites } from '@/db/queries/sites';
import { verificationCounts } from '@/db/queries/verification';
import { verificationSummary } from '@/lib/records/verification';
import { canReview, canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { FOLLOW_UP_FILTERS, followUpState, matchesFilter, type FollowUpState } from '@/lib/cohort/schedule';
import { label } from '@/lib/codes';
import { todayIso } from '@/lib/dates';
import { pageOf } from '@/lib/review/paging';
import { queryString, queryValues, type RawQuery } from '@/lib/review/query-string';

export const metadata: Metadata = { title: 'Patients' };

function Status({ state }: { state: FollowUpState }) {
  switch (state.kind) {
    case 'deceased':
      return <span className="badge danger">Deceased {state.date}</span>;
    case 'ended':
      return <span className="badge">Follow-up ended {state.date}</span>;
    case 'jaki_stopped':
      return <span className="badge">JAKi stopped {state.date}</span>;
    default:
      return <span className="badge ok">On JAKi</span>;
  }
}

function NextVisit({ state }: { state: FollowUpState }) {
  if (state.kind === 'no_baseline') return <span className="badge warn">baseline missing</span>;
  if (state.kind !== 'due') return <>—</>;
  return (
    <>
      {state.visit.label} {state.visit.date} {state.overdue && <span className="badge warn">overdue</span>}
    </>
  );
}

/** Patients a page: a cohort of thousands would otherwise make the list megabytes. */
const PAGE_SIZE = 100;

const FILTER_LABELS = { due: 'Visit due', overdue: 'Overdue', ended: 'Follow-up ended' } as const;

export default async function PatientsPage({ searchParams }: { searchParams: Promise<RawQuery> }) {
  const access = await requireAccess();
  const { q = '', site = '', status = '', page: asked } = queryValues(await searchParams);
  const filter = FOLLOW_UP_FILTERS.find((f) => f === status);
  const db = await getDb();
  const sites = await listSites(db, { siteIds: access.siteIds });
  const chosen = sites.find((s) => s.code === site);
  const today = todayIso();
  const rows = (await listPatients(db, { siteIds: chosen ? [chosen.id] : access.siteIds, q }))
    .map((p) => ({ ...p, state: followUpState(p, today) }))
    .filter((p) => !filter || matchesFilter(p.state, filter));
  const shown = pageOf(rows.length, asked, PAGE_SIZE);
  const pageLink = (page: number) => `/patients${queryString({ q, site, status }, { page: page > 1 ? String(page) : undefined })}`;
  // Source verification matters to auditors (and admins): their list shows it per site and patient.
  const sdv = canReview(access.role) ? await verificationCounts(db, { siteIds: chosen ? [chosen.id] : access.siteIds }) : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Patients</h1>
          <p className="muted">
            {rows.length} patient{rows.length === 1 ? '' : 's'} at {chosen ? chosen.name : 'your sites'}
            {q ? ` matching “${q}”` : ''}
            {filter ? ` · ${FILTER_LABELS[filter].toLowerCase()}` : ''}
          </p>
          {sdv && (
            <p className="muted">
              Source verification:{' '}
              {sites
                .filter((x) => sdv.bySite.has(x.id))
                .map((x) => `${x.code} ${verificationSummary(sdv.bySite.get(x.id)!)}`)
                .join(' · ') || 'no records yet'}
            </p>
          )}
        </div>
        {canWriteClinical(access.role) && (
          <div className="actions">
            <Link className="button primary" href="/patients/new">
              New patient
            </Link>
          </div>
        )}
      </div>
      <form className="search" role="search" action="/patients">
        <label htmlFor="q" className="visually-hidden">
          Search by patient code
        </label>
        <input id="q" name="q" type="search" defaultValue={q} placeholder="Patient code, e.g. NRD-004" />
        {sites.length > 1 && (
          <>
            <label htmlFor="site" className="visually-hidden">
              Site
            </label>
            <select id="site" name="site" defaultValue={chosen?.code ?? ''}>
              <option value="">All my sites</option>
              {sites.map((s) => (
                <option key={s.id} value={s.code}>
                  {s.code} · {s.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="status" className="visually-hidden">
          Follow-up
        </label>
        <select id="status" name="status" defaultValue={filter ?? ''}>
          <option value="">Any follow-up</option>
          {FOLLOW_UP_FILTERS.map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Patients with their status, next visit due and JAK inhibitor</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Status</th>
              <th scope="col">Next visit due</th>
              <th scope="col">Last visit</th>
              <th scope="col" className="num">Visits</th>
              <th scope="col">JAK inhibitor</th>
              <th scope="col">Started</th>
              <th scope="col">Site</th>
              <th scope="col">Cohort</th>
              <th scope="col">Sex</th>
              <th scope="col" className="num">Born</th>
              {sdv && <th scope="col">Source verified</th>}
            </tr>
          </thead>
          <tbody>
            {rows.slice(shown.from, shown.to).map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/patients/${p.id}`}>{p.code}</Link>
                </td>
                <td>
                  <Status state={p.state} />
                </td>
                <td>
                  <NextVisit state={p.state} />
                </td>
                <td>{p.visitDates.at(-1) ?? '—'}</td>
                <td className="num">{p.visitDates.length}</td>
                <td>
                  {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day
                </td>
                <td>{p.jakiStartDate}</td>
                <td>{p.siteCode}</td>
                <td>{p.cohortCode}</td>
                <td>{p.sex}</td>
                <td className="num">{p.birthYear}</td>
                {sdv && <td>{verificationSummary(sdv.byPatient.get(p.id) ?? { verified: 0, changed: 0, total: 0 })}</td>}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={sdv ? 12 : 11} className="muted">
                  No patients found.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {shown.pages > 1 && (
        <nav className="pager" aria-label="Pages of patients">
          {shown.page > 1 && <Link href={pageLink(shown.page - 1)}>← Previous</Link>}
          <span>
            Patients {shown.from + 1}–{shown.to} of {rows.length} · page {shown.page} of {shown.pages}
          </span>
          {shown.page < shown.pages && <Link href={pageLink(shown.page + 1)}>Next →</Link>}
        </nav>
      )}
    </>
  );
}
