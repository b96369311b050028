import type { Metadata } from 'next';
import { FormQueries } from '@/components/queries/FieldQueries';
import { formQueries } from '@/server/form-queries';
import { CohortLockedNotice } from '@/components/CohortLockedNotice';
import { PageHead } from '@/components/PageHead';
import { cohortLockOf } from '@/server/patient-page';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { getPatient } from '@/db/queries/patients';
import { patientSignatures } from '@/db/queries/signatures';
import { SignatureList } from '@/components/SignatureList';
import { getVisit, listVisits } from '@/db/queries/visits';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { label } from '@/lib/codes';
import { VoidForm } from '@/components/form/VoidForm';
import { voidVisitAction } from '../../actions';
import { visitFormValues } from '../../form-values';
import { visitContext } from '../../visit-context';
import { VisitForm } from '../../visit-form';

export const metadata: Metadata = { title: 'Edit visit' };

export default async function EditVisitPage({ params, searchParams }: { params: Promise<{ patientId: string; visitId: string }>; searchParams: Promise<{ query?: string }> }) {
  const { patientId, visitId } = await params;
  const { query } = await searchParams;
  const access = await requireAccess();
  const db = await getDb();
  const visit = await getVisit(db, { visitId, siteIds: access.siteIds });
  if (!visit || visit.patientId !== patientId || !canWriteClinical(access.role)) notFound();
  const found = await getPatient(db, { patientId, siteIds: access.siteIds });
  if (!found) notFound();
  const locked = cohortLockOf(found);
  const [visits, signatures] = await Promise.all([
    listVisits(db, { patientId, siteIds: access.siteIds }),
    patientSignatures(db, { patientId, siteIds: access.siteIds }),
  ]);
  const shown = await formQueries(db, { siteIds: access.siteIds, patientId, recordId: visitId, query });
  const signed = signatures.filter((s) => s.kind === 'visit' && s.recordId === visitId);
  // What a correction would end: the valid signatures bound to this visit's content.
  const bound = [signed.some((s) => s.valid) && "this visit's signature", signatures.some((s) => s.kind === 'patient' && s.valid) && "the casebook's signature"]
    .filter(Boolean)
    .join(' and ');
  return (
    <>
      <PageHead back={{ href: `/patients/${patientId}`, label: found.patient.code }} title={<>Edit {label(visit.visitType).toLowerCase()} visit of {visit.visitDate}</>}>
        Version {visit.version}, last saved {visit.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
      </PageHead>
      {(signed.length > 0 || bound) && (
        <section className="panel" aria-labelledby="signed">
          <h2 id="signed">Signatures</h2>
          <SignatureList signatures={signed} empty="This visit is not signed." />
          {bound && <p className="alert warn" style={{ margin: '0.5rem 0 0' }}>A correction is allowed, with its reason: it makes {bound} no longer valid, and a new signature is then needed.</p>}
        </section>
      )}
      {locked ? (
        <CohortLockedNotice lock={locked} patientHref={`/patients/${patientId}`} />
      ) : (
        <>
          <FormQueries {...shown}>
            <VisitForm
              mode={{ kind: 'edit', patientId, visitId, version: visit.version, answering: shown.answering }}
              defaultValues={visitFormValues(visit)}
              context={visitContext(found.patient, visits)}
            />
          </FormQueries>
          <VoidForm what="visit" version={visit.version} action={voidVisitAction.bind(null, visitId)} redirectTo={`/patients/${patientId}`} />
        </>
      )}
    </>
  );
}
