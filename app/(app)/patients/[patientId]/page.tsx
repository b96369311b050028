import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TrajectoryChart } from '@/components/charts/TrajectoryChart';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { listVisits } from '@/db/queries/visits';
import { listAdverseEventsForPatient } from '@/db/queries/adverse-events';
import { AdverseEventsTable } from './adverse-events-table';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { nextVisitDue } from '@/lib/cohort/schedule';
import { label } from '@/lib/codes';
import { monthsBetween } from '@/lib/dates';

export const metadata: Metadata = { title: 'Patient' };

const dash = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
const yn = (v: boolean | null) => (v === null ? '—' : v ? 'yes' : 'no');

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { patientId } = await params;
  const { saved } = await searchParams;
  const access = await requireAccess();
  const db = await getDb();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found) notFound();
  const p = found.patient;
  const [visits, events] = await Promise.all([
    listVisits(db, { patientId, siteIds: access.siteIds }),
    listAdverseEventsForPatient(db, { patientId, siteIds: access.siteIds }),
  ]);
  const writer = canWriteClinical(access.role);
  const due = nextVisitDue({ ...p, visitDates: visits.map((v) => v.visitDate), hasBaseline: visits.some((v) => v.visitType === 'baseline') });
  const points = visits.map((v) => ({
    months: Number(monthsBetween(p.jakiStartDate, v.visitDate).toFixed(2)),
    date: v.visitDate,
    cdasiActivity: v.cdasiActivity,
    mmt8: v.mmt8,
  }));

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
        </div>
        <div className="actions">
          <Link className="button" href={`/patients/${p.id}/history`}>
            History
          </Link>
          {writer && (
            <>
              <Link className="button" href={`/patients/${p.id}/edit`}>
                Edit patient
              </Link>
              <Link className="button" href={`/patients/${p.id}/adverse-events/new`}>
                Record adverse event
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
          <div><dt>JAK inhibitor</dt><dd>{label(p.jakiDrug)} {p.jakiDoseMgDay} mg/day from {p.jakiStartDate}</dd></div>
          <div>
            <dt>JAK inhibitor stopped</dt>
            <dd>{p.jakiStopDate ? `${p.jakiStopDate} (${label(p.jakiStopReason ?? '')})` : 'no'}</dd>
          </div>
          <div><dt>Next visit due</dt><dd>{due ? `${due.label} · ${due.date}` : '—'}</dd></div>
          {p.deathDate && (
            <div><dt>Death</dt><dd>{p.deathDate}{p.deathCause ? ` · ${p.deathCause}` : ''}</dd></div>
          )}
        </dl>
      </section>

      <section className="panel" aria-labelledby="trajectory">
        <h2 id="trajectory">CDASI activity and MMT8</h2>
        <TrajectoryChart points={points} />
      </section>

      <section aria-labelledby="visits">
        <h2 id="visits">Visits</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Visits of {p.code}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Month</th>
                <th scope="col" className="num">CDASI act.</th>
                <th scope="col" className="num">CDASI dam.</th>
                <th scope="col" className="num">MMT8</th>
                <th scope="col" className="num">Prednisone mg/d</th>
                <th scope="col">IVIG</th>
                <th scope="col" className="num">JAKi mg/d</th>
                <th scope="col">Active skin</th>
                <th scope="col">Active muscle</th>
                <th scope="col" className="num">PhGA</th>
                <th scope="col" className="num">PtGA</th>
                <th scope="col" className="num">EMGA</th>
                <th scope="col" className="num">HAQ</th>
                <th scope="col" className="num">CK U/L</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v, i) => (
                <tr key={v.id}>
                  <td>{v.visitDate}</td>
                  <td>{label(v.visitType)}</td>
                  <td className="num">{points[i]!.months.toFixed(1)}</td>
                  <td className="num">{dash(v.cdasiActivity)}{v.cdasiItems ? <span title="Entered item by item"> ◆</span> : null}</td>
                  <td className="num">{dash(v.cdasiDamage)}</td>
                  <td className="num">{dash(v.mmt8)}{v.mmt8Items ? <span title="Entered muscle by muscle"> ◆</span> : null}</td>
                  <td className="num">{dash(v.prednisoneMgDay)}</td>
                  <td>{v.ivig ? `${label(v.ivig)}${v.ivig === 'ongoing' ? ` ${v.ivigDoseGKg} g/kg q${v.ivigIntervalWeeks}w` : ''}` : '—'}</td>
                  <td className="num">{dash(v.jakiDoseMgDay)}</td>
                  <td>{yn(v.activeCutaneous)}</td>
                  <td>{yn(v.activeMuscle)}</td>
                  <td className="num">{dash(v.physicianGlobal)}</td>
                  <td className="num">{dash(v.patientGlobal)}</td>
                  <td className="num">{dash(v.extramuscularGlobal)}</td>
                  <td className="num">{dash(v.haq)}</td>
                  <td className="num">{dash(v.ckUL)}</td>
                  <td>
                    {writer && (
                      <>
                        <Link href={`/patients/${p.id}/visits/${v.id}/edit`} aria-label={`Edit visit of ${v.visitDate}`}>
                          Edit
                        </Link>{' '}
                      </>
                    )}
                    <Link href={`/patients/${p.id}/visits/${v.id}/history`} aria-label={`History of visit of ${v.visitDate}`}>
                      History
                    </Link>
                  </td>
                </tr>
              ))}
              {visits.length === 0 && (
                <tr>
                  <td colSpan={17} className="muted">
                    No visits yet. Start with the baseline.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="muted" style={{ fontSize: '0.8rem' }}>
          ◆ entered item by item in the calculator. PhGA/PtGA physician/patient global activity, EMGA extramuscular global
          activity (0–10).
        </p>
      </section>

      <section aria-labelledby="adverse-events" style={{ marginTop: '1rem' }}>
        <h2 id="adverse-events">Adverse events</h2>
        <AdverseEventsTable patientId={p.id} events={events} writer={writer} />
      </section>
    </>
  );
}
