import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { verifyAuditChain } from '@/db/audit-verify';
import type { Db } from '@/db/client';
import { importCohort } from '@/db/queries/import';
import { createVisit } from '@/db/queries/visits';
import { auditLog, cohorts, sites } from '@/db/schema';
import { addDays, todayIso } from '@/lib/dates';
import { INTERCHANGE_FILES, type InterchangeFiles } from '@/lib/interchange';
import { visitSchema } from '@/lib/schemas/visit';
import { withLocalDatabase } from '../local-database';
import { writeCohort } from './cohort';
import { FIRST_DAY, patientWithBaseline } from './patients';

// The audit chain under load: `writers` clinicians each saving visits for a patient of their
// own, as fast as they can, for `seconds`. Every acknowledged save must have exactly one
// 'create' entry in the audit trail, and the chain must verify afterwards.
// Run by `npm run bench -- audit`.

export type AuditBenchResult = {
  saves: number;
  savesPerSecond: number;
  lostEntries: number;
  duplicateEntries: number;
  chainValid: boolean;
  failedSaves: number;
  elapsedSeconds: number;
};

const ACTOR = 'system:bench-audit';

export async function benchAuditChain({
  databaseUrl,
  writers = 50,
  seconds = 30,
}: {
  databaseUrl: string;
  writers?: number;
  seconds?: number;
}): Promise<AuditBenchResult> {
  const previousPool = process.env.DATABASE_POOL_MAX;
  process.env.DATABASE_POOL_MAX = String(writers + 4);
  try {
    return await withLocalDatabase(databaseUrl, 'the benchmark database', (db) => saveConcurrently(db, writers, seconds));
  } finally {
    if (previousPool === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = previousPool;
  }
}

async function saveConcurrently(db: Db, writers: number, seconds: number): Promise<AuditBenchResult> {
  const [site] = await db.select().from(sites).orderBy(asc(sites.code)).limit(1);
  const [cohort] = await db.select().from(cohorts).orderBy(asc(cohorts.code)).limit(1);
  if (!site || !cohort) throw new Error('the database has no site or cohort: seed it first');
  const siteIds = [site.id];

  // One patient per writer.
  const run = Date.now().toString(36);
  const patientIds = await Promise.all(
    Array.from({ length: writers }, (_, i) => patientWithBaseline(db, { actorId: ACTOR, siteId: site.id, cohortId: cohort.id, code: `BENCH-${run}-${i}`, index: i })),
  );

  const [start] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  const startSeq = start?.seq ?? 0;
  const template = visitSchema.parse({ visitDate: FIRST_DAY, visitType: 'follow_up', cdasiActivity: '20', haq: '1.25', ckUL: '150' });
  const today = todayIso();
  const acknowledged: string[] = [];
  let failedSaves = 0;
  const began = performance.now();
  const end = Date.now() + seconds * 1000;

  await Promise.all(
    patientIds.map(async (patientId) => {
      for (let day = 0; Date.now() < end; day++) {
        const visitDate = addDays(FIRST_DAY, day);
        if (visitDate > today) break;
        try {
          acknowledged.push(await createVisit(db, { actorId: ACTOR, siteIds, patientId, input: { ...template, visitDate } }));
        } catch {
          failedSaves++;
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - began) / 1000;

  const created = await db
    .select({ entityId: auditLog.entityId, n: count() })
    .from(auditLog)
    .where(and(gt(auditLog.seq, startSeq), eq(auditLog.entity, 'visit'), eq(auditLog.action, 'create')))
    .groupBy(auditLog.entityId);
  const entries = new Map(created.map((r) => [r.entityId, r.n]));
  const lostEntries = acknowledged.filter((id) => !entries.has(id)).length;
  const duplicateEntries = created.filter((r) => r.n > 1).length;
  const chain = await verifyAuditChain(db);
  if (!chain.ok) console.error(chain.message);

  return {
    saves: acknowledged.length,
    savesPerSecond: Math.round((acknowledged.length / elapsedSeconds) * 10) / 10,
    lostEntries,
    duplicateEntries,
    chainValid: chain.ok,
    failedSaves,
    elapsedSeconds: Math.round(elapsedSeconds * 10) / 10,
  };
}

export type SiteSaves = { saves: number; p50Ms: number; p95Ms: number; maxMs: number };
export type TwoSitesResult = { alone: SiteSaves; whileOtherSiteImports: SiteSaves; importSeconds: number; chainValid: boolean };

/**
 * Two sites at once: the clinicians of one site save visits, first alone, then while another
 * site imports a cohort (one long transaction writing thousands of audit entries). Before the
 * chain was linked at commit (migration 0014), the import's first entry took the chain's lock
 * and every save of the other site waited for the whole import; now a save waits at most for
 * the import's link and commit. Run by `npm run bench -- audit`.
 */
export async function benchTwoSites({
  databaseUrl,
  writers = 4,
  aloneSeconds = 5,
  importPatients = 2_000,
}: {
  databaseUrl: string;
  writers?: number;
  aloneSeconds?: number;
  importPatients?: number;
}): Promise<TwoSitesResult> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-bench-two-sites-'));
  const previousPool = process.env.DATABASE_POOL_MAX;
  process.env.DATABASE_POOL_MAX = String(writers + 4);
  try {
    writeCohort(folder, importPatients);
    const files = Object.fromEntries(INTERCHANGE_FILES.map(({ key, file }) => [key, fs.readFileSync(path.join(folder, file), 'utf8')])) as InterchangeFiles;
    return await withLocalDatabase(databaseUrl, 'the benchmark database', async (db) => {
      const [site] = await db.select().from(sites).orderBy(asc(sites.code)).limit(1);
      const [cohort] = await db.select().from(cohorts).orderBy(asc(cohorts.code)).limit(1);
      if (!site || !cohort) throw new Error('the database has no site or cohort: seed it first');
      const run = Date.now().toString(36);
      const patientIds = await Promise.all(
        Array.from({ length: writers }, (_, i) => patientWithBaseline(db, { actorId: ACTOR, siteId: site.id, cohortId: cohort.id, code: `TWO-${run}-${i}`, index: i })),
      );
      const template = visitSchema.parse({ visitDate: FIRST_DAY, visitType: 'follow_up', cdasiActivity: '20', haq: '1.25', ckUL: '150' });
      const days = new Map(patientIds.map((id) => [id, 0]));
      /** The site's clinicians save until `done` says stop: each save's milliseconds. */
      const saveUntil = async (done: () => boolean) => {
        const times: number[] = [];
        await Promise.all(
          patientIds.map(async (patientId) => {
            while (!done()) {
              const day = days.get(patientId)! + 1;
              days.set(patientId, day);
              const started = performance.now();
              await createVisit(db, { actorId: ACTOR, siteIds: [site.id], patientId, input: { ...template, visitDate: addDays(FIRST_DAY, day) } });
              times.push(performance.now() - started);
            }
          }),
        );
        return summary(times);
      };
      const aloneUntil = Date.now() + aloneSeconds * 1000;
      const alone = await saveUntil(() => Date.now() > aloneUntil);
      let importing = true;
      const started = performance.now();
      const imported = importCohort(db, { actorId: ACTOR, files }).finally(() => (importing = false));
      const [whileOtherSiteImports, result] = await Promise.all([saveUntil(() => !importing), imported]);
      if (!result.ok) throw new Error(`the import was refused: ${result.problems[0]}`);
      const importSeconds = (performance.now() - started) / 1000;
      const chain = await verifyAuditChain(db);
      return { alone, whileOtherSiteImports, importSeconds, chainValid: chain.ok };
    });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    if (previousPool === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = previousPool;
  }
}

function summary(times: number[]): SiteSaves {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
  return { saves: sorted.length, p50Ms: at(50), p95Ms: at(95), maxMs: Math.round(sorted.at(-1) ?? 0) };
}
