import type { Metadata } from 'next';
import Link from 'next/link';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { cohortLockOf } from '@/server/patient-page';
import { notFound } from 'next/navigation';
import { RecordLinks } from '@/components/RecordLinks';
import { SourceVerification } from '@/components/SourceVerification';
import { VerificationBadge } from '@/components/VerificationBadge';
import { TrajectoryChart } from '@/components/charts/TrajectoryChart';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { listVisits } from '@/db/queries/visits';
import { listAdverseEventsForPatient } from '@/db/queries/adverse-events';
import { listRelapses } from '@/db/queries/relapses';
import { investigatorSiteIds } from '@/db/queries/investigators';
import { patientSignatures, signingHashes } from '@/db/queries/signatures';
import { patientVerifications } from '@/db/queries/verification';
import { listQueries } from '@/db/queries/data-query-list';
import { canRaiseQuery } from '@/lib/queries/rules';
import { PatientQueries } from './patient-queries';
import { AdverseEventsTable } from './adverse-events-table';
import { RelapsesTable } from './relapses-table';
import { canReview, canSign, canWriteClinical } from '@/lib/auth/access';
import { SignaturesPanel, VisitSignatureCell, type Signer } from './signatures-panel';
import { verificationSummary } from '@/lib/records/verification';
import { requireAccess } from '@/server/auth/session';
import { followUpState } from '@/lib/cohort/schedule';
import { label } from '@/lib/codes';
import { monthsBetween, todayIso } from '@/lib/dates';
import { VISIT_TABLE_FIELDS, type VisitField } from '@/lib/visits/fields';
import { cellText, latestJakiDose } from '@/lib/visits/format';
import { ScrollEdges } from '@/components/ScrollEdges';

export const metadata: Metadata = { title: 'Patient' };

/** Visits in the table unless all are asked for. */
const VISITS_SHOWN = 12;

const dash = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
const yn = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');

/** ◆ beside a total entered item by item in its calculator. */
function itemsMark(f: VisitField, v: { cdasiItems: unknown; mmt8Items: unknown }) {
  const items = f.key === 'cdasiActivity' || f.key === 'cdasiDamage' ? v.cdasiItems : f.key === 'mmt8' ? v.mmt8Items : null;
  return items ? <span title="Entered item by item"> ◆</span> : null;
}

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<{ saved?: string; visits?: string }>;
}) {
  const { patientId } = await params;
  const { saved, visits: visitsShown } = await searchParams;
  const access = await requireAccess();
  const db = await getDb();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found) notFound();
  const p = found.patient;
  const [visits, events, relapses, verifications, queries, signatures, investigatorAt] = await Promise.all([
    listVisits(db, { patientId, siteIds: access.siteIds }),
    listAdverseEventsForPatient(db, { patientId, siteIds: access.siteIds }),
    listRelapses(db, { patientId, siteIds: access.siteIds }),
    patientVerifications(db, { patientId, siteIds: access.siteIds }),
    listQueries(db, { siteIds: access.siteIds, filters: { patientCode: p.code } }),
    patientSignatures(db, { patientId, siteIds: access.siteIds }),
    canSign(access.role) ? investigatorSiteIds(db, access.userId) : Promise.resolve<string[]>([]),
  ]);
  const raiser = canRaiseQuery(access.role);
  // An open query beside the visit table's value it is about.
  const openOn = new Map(queries.filter((q) => q.state === 'open').map((q) => [`${q.record.entityId}:${q.field}`, q.id]));
  const queryMark = (recordId: string, field: string, name: string) => {
    const id = openOn.get(`${recordId}:${field}`);
    return id ? (
      <>
        {' '}
        <Link className="badge warn" href={`/queries/${id}`} aria-label={`Open query on ${name}`}>
          query
        </Link>
      </>
    ) : null;
  };
  // An investigator of the patient's site signs what this page shows: its content hashes go with the form.
  const hashes = investigatorAt.includes(found.patient.siteId) ? await signingHashes(db, { patientId, siteIds: access.siteIds }) : null;
  const signer: Signer = hashes && { name: access.name, casebookHash: hashes.casebook, visitHashes: hashes.visits };
  const verifier = canReview(access.role);
  const marks = [...verifications.values()];
  const sdv = { verified: marks.filter((m) => m.state === 'verified').length, changed: marks.filter((m) => m.state === 'changed').length, total: marks.length };
  const source = (kind: 'visit' | 'adverse_event' | 'relapse', r: { id: string; version: number }, name: string) => {
    const mark = verifications.get(r.id);
    if (!verifier) return <VerificationBadge state={mark?.state ?? 'not_verified'} verifiedAt={mark?.verifiedAt?.toISOString() ?? null} />;
    return (
      <SourceVerification
        kind={kind}
        id={r.id}
        version={r.version}
        name={name}
        state={mark?.state ?? 'not_verified'}
        verifiedAt={mark?.verifiedAt?.toISOString() ?? null}
        verifier={verifier}
      />
    );
  };
  // A cohort locked for analysis refuses every change: its patients' pages offer none.
  const lock = cohortLockOf(found);
  const writer = canWriteClinical(access.role) && !lock;
  const state = followUpState({ ...p, visitDates: visits.map((v) => v.visitDate), hasBaseline: visits.some((v) => v.visitType === 'baseline') }, todayIso());
  const months = (v: { visitDate: string }) => Number(monthsBetween(p.jakiStartDate, v.visitDate).toFixed(2));
  const dose = latestJakiDose(visits);
  const points = visits.map((v) => ({ months: months(v), date: v.visitDate, cdasiActivity: v.cdasiActivity, mmt8: v.mmt8 }));
  // The table shows the latest visits unless asked for all: a patient followed for years has
  // a hundred, and the page would weigh half a megabyte (the chart still draws every one).
  const all = visitsShown === 'all' || visits.length <= VISITS_SHOWN;
  const tableVisits = all ? visits : visits.slice(-VISITS_SHOWN);

  return (
    <>
      <div className="page-head">
        <div>
          <p>
            <Link href="/patients">← Patients</Link>
          </p>
          <h1>{p.code}</h1>
          <p className="muted">
            {found.siteCode} · {found.siteName} · cohort {found.cohortCode}
          </p>
          {lock && <CohortLockedNotice lock={lock} />}
        </div>
        <div className="actions">
          <Link className="button" href={`/patients/${p.id}/history`}>
            History
          </Link>
          <a className="button" href={`/api/v1/patients/${p.id}/casebook`}>
            Casebook PDF
          </a>
          {raiser && (
            <Link className="button" href={`/patients/${p.id}/query`}>
              Raise a query
            </Link>
          )}
          {writer && (
            <>
              <Link className="button" href={`/patients/${p.id}/edit`}>
                Edit patient
              </Link>
              <Link className="button" href={`/patients/${p.id}/adverse-events/new`}>
                Record adverse event
              </Link>
              <Link className="button" href={`/patients/${p.id}/relapses/new`}>
                Record relapse
              </Link>
              <Link className="button primary" href={`/patients/${p.id}/visits/new`}>
                Add visit
              </Link>
            </>
          )}
        </div>
      </div>
      {saved === 'follow_up' && writer && (
        <div className="alert success" role="status">
          Follow-up visit saved. Any adverse event since the last visit?{' '}
          <Link href={`/patients/${p.id}/adverse-events/new`}>Record an adverse event</Link>
        </div>
      )}

      <section className="panel" aria-labelledby="summary">
        <h2 id="summary">Summary</h2>
        <dl className="facts">
          <div><dt>Sex · born</dt><dd>{label(p.sex)} · {p.birthYear}</dd></div>
          <div><dt>Diagnosis</dt><dd>{dash(p.diagnosisDate)} · {p.dmSubtype ? label(p.dmSubtype) : 'subtype —'}</dd></div>
          <div><dt>Antibodies</dt><dd>{p.antibodies.map(label).join(', ') || '—'}</dd></div>
          <div><dt>Interstitial lung disease</dt><dd>{yn(p.ild)}</dd></div>
          <div><dt>Previous treatments</dt><dd>{p.previousTreatments.map(label).join(', ') || '—'}</dd></div>
          <div>
            <dt>JAK inhibitor</dt>
            <dd>
              {label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day from <time dateTime={p.jakiStartDate}>{p.jakiStartDate}</time>
              {dose && dose.dose !== p.jakiDoseMgDay && (
                <>
                  {' '}· {dose.dose} mg/day at the visit of <time dateTime={dose.date}>{dose.date}</time>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>JAK inhibitor stopped</dt>
            <dd>{p.jakiStopDate ? <><time dateTime={p.jakiStopDate}>{p.jakiStopDate}</time> ({label(p.jakiStopReason ?? '')})</> : 'no'}</dd>
          </div>
          <div>
            <dt>Next visit due</dt>
            <dd>
              {state.kind === 'due' ? (
                <>
                  {state.visit.label} · <time dateTime={state.visit.date}>{state.visit.date}</time> {state.overdue && <span className="badge warn">overdue</span>}
                </>
              ) : state.kind === 'deceased' ? (
                'none: deceased'
              ) : state.kind === 'ended' ? (
                'none: follow-up ended'
              ) : state.kind === 'no_baseline' ? (
                <span className="badge warn">baseline missing</span>
              ) : (
                '—'
              )}
            </dd>
          </div>
          {p.deathDate && (
            <div><dt>Death</dt><dd>{p.deathDate}{p.deathCause ? ` · ${p.deathCause}` : ''}</dd></div>
          )}
          {p.followUpEndDate && (
            <div><dt>Follow-up ended</dt><dd>{p.followUpEndDate}</dd></div>
          )}
          <div><dt>Source verification</dt><dd>{verificationSummary(sdv)}</dd></div>
        </dl>
      </section>

      <SignaturesPanel signatures={signatures} signer={signer} patientId={p.id} patientCode={p.code} />
      <PatientQueries patientCode={p.code} queries={queries} />

      <section className="panel" aria-labelledby="trajectory">
        <h2 id="trajectory">CDASI activity and MMT8</h2>
        <TrajectoryChart points={points} />
      </section>

      <section aria-labelledby="visits">
        <h2 id="visits">Visits</h2>
        <ScrollEdges className="table-wrap row-actions">
          <table>
            <caption className="visually-hidden">Visits of {p.code}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Month</th>
                {VISIT_TABLE_FIELDS.map((f) => (
                  <th key={f.key} scope="col" className={f.kind === 'number' ? 'num' : undefined} title={f.label}>
                    {f.short}
                    {f.unit && <span className="unit"> {f.unit}</span>}
                  </th>
                ))}
                <th scope="col">Source</th>
                <th scope="col">Signature</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tableVisits.map((v) => (
                <tr key={v.id}>
                  <td>{v.visitDate}</td>
                  <td>{label(v.visitType)}</td>
                  <td className="num">{months(v).toFixed(1)}</td>
                  {VISIT_TABLE_FIELDS.map((f) => (
                    <td key={f.key} className={f.kind === 'number' ? 'num' : undefined}>
                      {cellText(f, v)}
                      {itemsMark(f, v)}
                      {queryMark(v.id, f.key, `${f.label} of the visit of ${v.visitDate}`)}
                    </td>
                  ))}
                  <td>{source('visit', v, `visit of ${v.visitDate}`)}</td>
                  <td>
                    <VisitSignatureCell visit={v} signatures={signatures} signer={signer} />
                  </td>
                  <td>
                    <RecordLinks
                      base={`/patients/${p.id}/visits/${v.id}`}
                      name={`visit of ${v.visitDate}`}
                      writer={writer}
                      raiser={raiser}
                    />
                  </td>
                </tr>
              ))}
              {visits.length === 0 && (
                <tr>
                  <td colSpan={VISIT_TABLE_FIELDS.length + 6} className="muted">
                    No visits yet. Start with the baseline.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </ScrollEdges>
        {visits.length > VISITS_SHOWN && (
          <p>
            {all ? (
              <Link href={`/patients/${p.id}`}>Show the latest {VISITS_SHOWN} visits only</Link>
            ) : (
              <>
                The latest {VISITS_SHOWN} of {visits.length} visits.{' '}
                <Link href={`/patients/${p.id}?visits=all#visits`}>Show all {visits.length} visits</Link>
              </>
            )}
          </p>
        )}
        <p className="muted" style={{ fontSize: '0.8rem' }}>
          ◆ entered item by item in the calculator.{' '}
          {VISIT_TABLE_FIELDS.filter((f) => f.short !== f.label && f.short.length <= 5)
            .map((f) => `${f.short}: ${f.label}`)
            .join(', ')}
          .
        </p>
      </section>

      <section aria-labelledby="relapses" style={{ marginTop: '1rem' }}>
        <h2 id="relapses">Relapses</h2>
        <RelapsesTable patientId={p.id} relapses={relapses} writer={writer} raiser={raiser} source={(r, name) => source('relapse', r, name)} />
      </section>

      <section aria-labelledby="adverse-events" style={{ marginTop: '1rem' }}>
        <h2 id="adverse-events">Adverse events</h2>
        <AdverseEventsTable patientId={p.id} events={events} writer={writer} raiser={raiser} source={(e, name) => source('adverse_event', e, name)} />
      </section>
    </>
  );
}
