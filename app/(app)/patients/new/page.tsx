import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listCohorts, listSites } from '@/db/queries/sites';
import { canWriteClinical } from '@/lib/auth/access';
import { requireAccess } from '@/server/auth/session';
import { notFound } from 'next/navigation';
import { EMPTY_PATIENT } from '../form-values';
import { NewPatientForm } from '../patient-form';

export const metadata: Metadata = { title: 'New patient' };

export default async function NewPatientPage() {
  const access = await requireAccess();
  if (!canWriteClinical(access.role)) notFound();
  const db = await getDb();
  const [sites, cohorts] = await Promise.all([listSites(db, { siteIds: access.siteIds }), listCohorts(db)]);
  const defaults = {
    ...EMPTY_PATIENT,
    siteId: sites.length === 1 ? sites[0]!.id : '',
    cohortId: cohorts.length === 1 ? cohorts[0]!.id : '',
  };
  return (
    <>
      <div className="page-head">
        <h1>New patient</h1>
      </div>
      <NewPatientForm sites={sites} cohorts={cohorts} defaultValues={defaults} />
    </>
  );
}
