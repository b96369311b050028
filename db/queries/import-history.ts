import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { countsInWords } from '@/lib/interchange';
import type { Db } from '../client';
import { auditLog, cohorts } from '../schema';

// A user's own latest imports, from the entry each import writes per cohort: the Import page
// lists them, so that an import whose answer was never seen (the page left while it ran) can be
// found to have run, or not.

export type PastImport = { at: Date; cohortCode: string; summary: string; createdSites: string[] };

type ImportEntry = { counts?: Record<'patients' | 'visits' | 'adverseEvents' | 'relapses', number>; createdSites?: string[] };

/** The user's `limit` latest imports, newest first, one per cohort an import wrote into. */
export async function latestImports(db: Db, actorId: string, limit = 5): Promise<PastImport[]> {
  const rows = await db
    .select({ at: auditLog.at, cohortCode: cohorts.code, after: auditLog.after })
    .from(auditLog)
    .innerJoin(cohorts, sql`${cohorts.id}::text = ${auditLog.entityId}`)
    // The entity first: the trail's (entity, entity_id) index finds the cohorts' few entries.
    .where(and(eq(auditLog.entity, 'cohort'), eq(auditLog.action, 'import'), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(limit);
  return rows.map(({ at, cohortCode, after }) => {
    const entry = (after ?? {}) as ImportEntry;
    return { at, cohortCode, summary: entry.counts ? countsInWords(entry.counts) : '', createdSites: entry.createdSites ?? [] };
  });
}
