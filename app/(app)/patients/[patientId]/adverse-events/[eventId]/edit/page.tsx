import type { Metadata } from 'next';
import { FormQueries } from '@/components/queries/FieldQueries';
import { formQueries } from '@/server/form-queries';
import Link from 'next/link';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { patientForWriting } from '@/server/patient-page';
import { notFound } from 'next/navigation';
import { VoidForm } from '@/components/form/VoidForm';
import { getAdverseEvent } from '@/db/queries/adverse-events';
import { voidAdverseEventAction } from '../../actions';
import { EditAdverseEventForm } from '../../ae-form';
import { adverseEventValues } from '../../form-values';

export const metadata: Metadata = { title: 'Edit adverse event' };

export default async function EditAdverseEventPage({ params, searchParams }: { params: Promise<{ patientId: string; eventId: string }>; searchParams: Promise<{ query?: string }> }) {
  const { patientId, eventId } = await params;
  const { query } = await searchParams;
  const { access, db, locked } = await patientForWriting(patientId);
  const event = await getAdverseEvent(db, { eventId, siteIds: access.siteIds });
  if (!event || event.patientId !== patientId) notFound();
  const shown = await formQueries(db, { siteIds: access.siteIds, patientId, recordId: eventId, query });
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: event.patientCode }} title={<>Edit adverse event: {event.term}</>}>
        Version {event.version} · <Link href={`/patients/${patientId}/adverse-events/${eventId}/history`}>History</Link>
        {event.reviewedAt ? ' · reviewed: an edit clears the review' : ''}
      </PageHead>
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <>
          <FormQueries {...shown}>
            <EditAdverseEventForm
              patientId={patientId}
              eventId={eventId}
              defaultValues={adverseEventValues(event)}
              patientDeathDate={event.patientDeathDate}
              patientJakiStopped={Boolean(event.patientJakiStopDate)}
              answering={shown.answering}
            />
          </FormQueries>
          <VoidForm what="adverse event" version={event.version} action={voidAdverseEventAction.bind(null, eventId)} redirectTo={`/patients/${patientId}`} />
        </>
      )}
    </>
  );
}
