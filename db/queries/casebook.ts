import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { CasebookEntity, CasebookSource, StoredRecord } from '@/lib/audit/casebook';
import type { Db } from '../client';
import { adverseEvents, relapses, user, visits } from '../schema';
import { historyEntries, siteAndCohortNames } from './history';
import { getPatient } from './patients';
import { patientVerifications } from './verification';

// What a patient's casebook prints (lib/audit/casebook.ts): the patient and every visit,
// adverse event and relapse, voided ones too (their history is evidence), each record's audit
// entries and source verification. Read from one snapshot, so that the records, their history
// and their checks agree.

/** Values as the audit trail keeps them: JSON, timestamps as ISO strings. */
const stored = (entity: CasebookEntity, row: { id: string }): StoredRecord => ({ entity, id: row.id, values: JSON.parse(JSON.stringify(row)) });

/** Null when the patient is not one of the sites' (or does not exist, or is voided). */
export async function patientCasebook(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }): Promise<CasebookSource | null> {
  return db.transaction(
    async (tx) => {
      const found = await getPatient(tx, { patientId, siteIds });
      if (!found) return null;
      const [visitRows, eventRows, relapseRows] = await Promise.all([
        tx.select().from(visits).where(eq(visits.patientId, patientId)).orderBy(asc(visits.visitDate), asc(visits.createdAt)),
        tx.select().from(adverseEvents).where(eq(adverseEvents.patientId, patientId)).orderBy(asc(adverseEvents.onsetDate), asc(adverseEvents.createdAt)),
        tx.select().from(relapses).where(eq(relapses.patientId, patientId)).orderBy(asc(relapses.relapseDate), asc(relapses.createdAt)),
      ]);
      const records = [
        stored('patient', found.patient),
        ...visitRows.map((r) => stored('visit', r)),
        ...eventRows.map((r) => stored('adverse_event', r)),
        ...relapseRows.map((r) => stored('relapse', r)),
      ];
      const [history, checks, names, people] = await Promise.all([
        historyEntries(tx, records),
        patientVerifications(tx, { patientId, siteIds }),
        siteAndCohortNames(tx),
        tx.select({ id: user.id, name: user.name }).from(user),
      ]);
      return {
        patientCode: found.patient.code,
        siteCode: found.siteCode,
        cohortCode: found.cohortCode,
        cohortLockedAt: found.cohortLockedAt,
        records,
        history,
        checks,
        names,
        people: Object.fromEntries(people.map((u) => [u.id, u.name])),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
