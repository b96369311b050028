import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { cohorts, sites } from '../schema';

export async function listSites(db: Db, { siteIds }: { siteIds: string[] }) {
  if (siteIds.length === 0) return [];
  return db.select().from(sites).where(inArray(sites.id, siteIds)).orderBy(asc(sites.code));
}

export async function listAllSites(db: Db) {
  return db.select().from(sites).orderBy(asc(sites.code));
}

export async function listCohorts(db: Db) {
  return db.select().from(cohorts).orderBy(asc(cohorts.code));
}
