import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { NotFoundError } from '@/lib/errors';
import type { Db } from '../client';
import { assertCohortsOpen } from './cohort-lock';
import { adverseEvents, patients, relapses, visits } from '../schema';
import { canReach, patientInScope, recordInScope, type RecordTable } from './scope';

// Every write that depends on a patient's records locks the patient's row first, then the
// record it changes. Two writes for one patient (a void and a save, two saves) then run one
// after the other and each sees what the other did: a baseline cannot be voided while a
// follow-up is saved against it. One order for every writer also keeps them from deadlocking.
// Locking the patient also checks that its cohort is not locked for analysis (cohort-lock.ts).

export type Patient = typeof patients.$inferSelect;

async function lockPatientRow(tx: Db, patientId: string, siteIds: string[]): Promise<Patient | null> {
  const inScope = and(eq(patients.id, patientId), patientInScope(siteIds));
  // Sent together (one round trip): the patient's lock first, then its cohort's, which names
  // no cohort when the patient is out of scope.
  const [[patient]] = await Promise.all([
    tx.select().from(patients).where(inScope).for('update'),
    assertCohortsOpen(tx, tx.select({ id: patients.cohortId }).from(patients).where(inScope)),
  ]);
  return patient ?? null;
}

/**
 * The patient, locked for the rest of the transaction, if it is one of the sites' and not
 * voided; not found otherwise (a malformed id too).
 */
export async function lockPatient(tx: Db, patientId: string, siteIds: string[]): Promise<Patient> {
  const patient = canReach(siteIds, patientId) ? await lockPatientRow(tx, patientId, siteIds) : null;
  if (!patient) throw new NotFoundError('Patient');
  return patient;
}

type Records = { visit: typeof visits; adverseEvent: typeof adverseEvents; relapse: typeof relapses };
const TABLES: Records = { visit: visits, adverseEvent: adverseEvents, relapse: relapses };
const NAMES = { visit: 'Visit', adverseEvent: 'Adverse event', relapse: 'Relapse' } as const;

/**
 * A visit, an adverse event or a relapse for a write, with its patient: the patient locked
 * first, then the record. Not found unless both are in scope and not voided.
 */
export async function lockRecord<K extends keyof Records>(
  tx: Db,
  kind: K,
  id: string,
  siteIds: string[],
): Promise<{ patient: Patient; record: Records[K]['$inferSelect'] }> {
  const table: RecordTable = TABLES[kind];
  const notFound = new NotFoundError(NAMES[kind]);
  if (!canReach(siteIds, id)) throw notFound;
  const [owner] = await tx
    .select({ patientId: table.patientId })
    .from(table)
    .innerJoin(patients, eq(patients.id, table.patientId))
    .where(and(eq(table.id, id), recordInScope(table, siteIds)));
  const patient = owner ? await lockPatientRow(tx, owner.patientId, siteIds) : null;
  if (!patient) throw notFound;
  const [record] = await tx
    .select()
    .from(table)
    .where(and(eq(table.id, id), isNull(table.voidedAt)))
    .for('update');
  if (!record) throw notFound;
  return { patient, record };
}
