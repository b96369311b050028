import 'server-only';
import { and, asc, eq, exists, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { cohorts, patients, sites } from '../schema';

export async function listSites(db: Db, { siteIds }: { siteIds: string[] }) {
  if (siteIds.length === 0) return [];
  return db.select().from(sites).where(inArray(sites.id, siteIds)).orderBy(asc(sites.code));
}

/** The user's sites that have patients in the cohort: the sites its report can be narrowed to. */
export async function listCohortSites(db: Db, { cohortCode, siteIds }: { cohortCode: string; siteIds: string[] }) {
  if (siteIds.length === 0) return [];
  const inCohort = db
    .select({ one: patients.id })
    .from(patients)
    .innerJoin(cohorts, eq(cohorts.id, patients.cohortId))
    .where(and(eq(patients.siteId, sites.id), eq(cohorts.code, cohortCode)));
  return db.select().from(sites).where(and(inArray(sites.id, siteIds), exists(inCohort))).orderBy(asc(sites.code));
}

export async function listAllSites(db: Db) {
  return db.select().from(sites).orderBy(asc(sites.code));
}

export async function listCohorts(db: Db) {
  return db.select().from(cohorts).orderBy(asc(cohorts.code));
}
