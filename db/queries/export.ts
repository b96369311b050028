import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { NotFoundError } from '@/lib/errors';
import { serializeImport, type InterchangeFiles } from '@/lib/interchange';
import { recordExport } from '../audit';
import type { Db } from '../client';
import { VISIT_FIELD_KEYS } from '@/lib/visits/fields';
import { adverseEvents, cohorts, patients, relapses, sites, visits } from '../schema';
import type { ImportCounts } from './import';
import { patientInScope } from './scope';

// The export of a cohort as the four CSV files of docs/interchange.md: what an import of
// them into an empty database gives back, byte for byte.

/**
 * A cohort's patients, visits, adverse events and relapses as the four CSV files, voided records left
 * out; only the given sites' patients when `siteIds` is given. With `actorId`, the export is
 * written to the audit log. `counts` says how many records each file holds.
 */
export async function exportCohort(
  db: Db,
  { cohortCode, siteIds, actorId }: { cohortCode: string; siteIds?: string[]; actorId?: string },
): Promise<InterchangeFiles & { counts: ImportCounts }> {
  // A code from the address bar holding a NUL names no cohort (PostgreSQL would refuse the query).
  const [cohort] = cohortCode.includes('\u0000') ? [] : await db.select().from(cohorts).where(eq(cohorts.code, cohortCode));
  if (!cohort) throw new NotFoundError('Cohort');
  const scope = and(eq(patients.cohortId, cohort.id), patientInScope(siteIds ?? 'all'));
  const patientRows = await db
    .select({ p: patients, site: sites.code })
    .from(patients)
    .innerJoin(sites, eq(sites.id, patients.siteId))
    .where(scope);
  const visitRows = await db
    .select({ v: visits, code: patients.code })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(scope, isNull(visits.voidedAt)));
  const eventRows = await db
    .select({ e: adverseEvents, code: patients.code })
    .from(adverseEvents)
    .innerJoin(patients, eq(patients.id, adverseEvents.patientId))
    .where(and(scope, isNull(adverseEvents.voidedAt)));
  const relapseRows = await db
    .select({ r: relapses, code: patients.code })
    .from(relapses)
    .innerJoin(patients, eq(patients.id, relapses.patientId))
    .where(and(scope, isNull(relapses.voidedAt)));

  const files = serializeImport({
    patients: patientRows.map(({ p, site }) => ({
      ...pick(p, PATIENT_FIELDS),
      site,
      cohort: cohort.code,
      sex: p.sex,
    })),
    visits: visitRows.map(({ v, code }) => ({ ...pick(v, VISIT_FIELDS), patientCode: code })),
    adverseEvents: eventRows.map(({ e, code }) => ({ ...pick(e, EVENT_FIELDS), patientCode: code })),
    relapses: relapseRows.map(({ r, code }) => ({ ...pick(r, RELAPSE_FIELDS), patientCode: code })),
  });
  const counts = { patients: patientRows.length, visits: visitRows.length, adverseEvents: eventRows.length, relapses: relapseRows.length };
  if (actorId)
    await recordExport(db, { actorId, entity: 'cohort', entityId: cohort.id, details: { counts, siteIds: siteIds ?? 'all' } });
  return { ...files, counts };
}

const PATIENT_FIELDS = [
  'code', 'birthYear', 'diagnosisDate', 'dmSubtype', 'antibodies', 'previousTreatments', 'ild', 'jakiDrug',
  'jakiDoseMgDay', 'jakiStartDate', 'jakiStopDate', 'jakiStopReason', 'deathDate', 'deathCause', 'followUpEndDate',
] as const;
const VISIT_FIELDS = ['visitDate', 'visitType', ...VISIT_FIELD_KEYS] as const;
const EVENT_FIELDS = ['onsetDate', 'term', 'category', 'ctcaeGrade', 'serious', 'related', 'action', 'outcome', 'endDate'] as const;
const RELAPSE_FIELDS = ['relapseDate', 'domain', 'action'] as const;

function pick<T, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = row[k];
  return out;
}
