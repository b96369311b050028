import type { Db } from '@/db/client';
import { createPatient } from '@/db/queries/patients';
import { createVisit } from '@/db/queries/visits';
import { addDays } from '@/lib/dates';
import { patientSchema } from '@/lib/schemas/patient';
import { visitSchema } from '@/lib/schemas/visit';

/** The JAKi start of every benchmark patient: far enough back for thousands of daily follow-ups. */
export const FIRST_DAY = '1990-01-02';

/**
 * A patient for a benchmark writer, through the data layer, with a baseline the day before the
 * JAK inhibitor started, so that a follow-up can be saved on any day from FIRST_DAY.
 */
export async function patientWithBaseline(
  db: Db,
  { actorId, siteId, cohortId, code, index }: { actorId: string; siteId: string; cohortId: string; code: string; index: number },
): Promise<string> {
  const siteIds = [siteId];
  const input = patientSchema.parse({
    code,
    siteId,
    cohortId,
    sex: index % 2 ? 'M' : 'F',
    birthYear: '1950',
    jakiDrug: 'baricitinib',
    jakiDoseMgDay: '4',
    jakiStartDate: FIRST_DAY,
  });
  const patientId = await createPatient(db, { actorId, siteIds, input });
  const baseline = visitSchema.parse({ visitDate: addDays(FIRST_DAY, -1), visitType: 'baseline', haq: '1' });
  await createVisit(db, { actorId, siteIds, patientId, input: baseline });
  return patientId;
}
