import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getAdverseEvent } from '@/db/queries/adverse-events';
import { requireRole } from '@/server/auth/session';
import { SERIOUSNESS_CRITERIA, isSpecialInterest, label } from '@/lib/codes';
import { ReviewForm } from './review-form';

export const metadata: Metadata = { title: 'Adverse event review' };

export default async function AdverseEventReviewPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const access = await requireRole(['auditor', 'admin']);
  const e = await getAdverseEvent(await getDb(), { eventId, siteIds: access.siteIds });
  if (!e) notFound();
  const criteria = SERIOUSNESS_CRITERIA.filter((c) => e[c.key]).map((c) => c.label);
  return (
    <>
      <div className="page-head">
        <div>
          <p>
            <Link href="/adverse-events">← Adverse events</Link>
          </p>
          <h1>{e.term}</h1>
          <p className="muted">
            <Link href={`/patients/${e.patientId}`}>{e.patientCode}</Link> · {e.siteCode} · version {e.version} ·{' '}
            <Link href={`/patients/${e.patientId}/adverse-events/${e.id}/history`}>History</Link>
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="event">
        <h2 id="event">Event</h2>
        <dl className="facts">
          <div><dt>Category</dt><dd>{label(e.category)} {isSpecialInterest(e.category) && <span className="badge warn">special interest</span>}</dd></div>
          <div><dt>Onset</dt><dd>{e.onsetDate}</dd></div>
          <div><dt>End</dt><dd>{e.ongoing ? 'ongoing' : (e.endDate ?? '—')}</dd></div>
          <div><dt>CTCAE grade</dt><dd>{e.ctcaeGrade}</dd></div>
          <div><dt>Serious</dt><dd>{e.serious ? `yes${criteria.length ? `: ${criteria.join(', ')}` : ' (criteria not recorded)'}` : 'no'}</dd></div>
          <div><dt>Relatedness to the JAK inhibitor</dt><dd>{e.related ? label(e.related) : '—'}</dd></div>
          <div><dt>Action with the JAK inhibitor</dt><dd>{e.action ? label(e.action) : '—'}</dd></div>
          <div><dt>Outcome</dt><dd>{e.outcome ? label(e.outcome) : '—'}</dd></div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="review">
        <h2 id="review">Review</h2>
        {e.reviewedAt ? (
          <p role="status">
            <span className="badge ok">Reviewed</span> {e.reviewedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: {e.reviewComment}
          </p>
        ) : (
          <ReviewForm eventId={e.id} version={e.version} />
        )}
      </section>
    </>
  );
}
