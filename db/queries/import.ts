import 'server-only';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import {
  adverseEventKey,
  checkImport,
  formatProblem,
  readImport,
  sortProblems,
  type InterchangeFiles,
  type PatientRecord,
  type ReadImport,
  type SavedPatient,
} from '@/lib/interchange';
import type { Problem } from '@/lib/interchange/problems';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { mmt8ScaleProblems as scaleProblems } from '@/lib/visits/rules';
import { writeAuditMany } from '../audit';
import type { Db } from '../client';
import { chunks, insertManyAudited } from '../insert-many';
import { constraintViolation } from '../pg-errors';
import { adverseEvents, cohorts, patients, relapses, sites, visits, type AuditEntity } from '../schema';

// The import of a cohort as the four CSV files of docs/interchange.md: checked whole before
// anything is written, then written in one transaction.

const IMPORT_REASON = 'CSV import';

export type ImportCounts = { patients: number; visits: number; adverseEvents: number; relapses: number };
export type ImportResult =
  | { ok: true; counts: ImportCounts; createdSites: string[]; createdCohorts: string[] }
  | { ok: false; problems: string[] };

/** The patients the import names that the database holds, locked so that no visit slips in meanwhile. */
async function loadSaved(tx: Db, codes: string[]) {
  const saved = new Map<string, SavedPatient & { id: string; cohortId: string }>();
  for (const batch of chunks(codes)) {
    const rows = await tx
      .select({ patient: patients, siteCode: sites.code })
      .from(patients)
      .innerJoin(sites, eq(sites.id, patients.siteId))
      .where(inArray(patients.code, batch))
      .for('update', { of: patients });
    for (const { patient: p, siteCode } of rows)
      saved.set(p.code, {
        id: p.id,
        cohortId: p.cohortId,
        code: p.code,
        siteCode,
        voided: p.voidedAt !== null,
        jakiStartDate: p.jakiStartDate,
        jakiStopDate: p.jakiStopDate,
        deathDate: p.deathDate,
        followUpEndDate: p.followUpEndDate,
        visits: [],
        adverseEvents: new Set(),
        relapses: [],
      });
  }
  const byId = new Map([...saved.values()].map((p) => [p.id, p]));
  for (const ids of chunks([...byId.keys()])) {
    const visitRows = await tx
      .select({ patientId: visits.patientId, visitDate: visits.visitDate, visitType: visits.visitType })
      .from(visits)
      .where(and(inArray(visits.patientId, ids), isNull(visits.voidedAt)));
    for (const v of visitRows) byId.get(v.patientId)!.visits.push(v);
    const eventRows = await tx
      .select({ patientId: adverseEvents.patientId, onsetDate: adverseEvents.onsetDate, term: adverseEvents.term, category: adverseEvents.category })
      .from(adverseEvents)
      .where(and(inArray(adverseEvents.patientId, ids), isNull(adverseEvents.voidedAt)));
    for (const e of eventRows) byId.get(e.patientId)!.adverseEvents.add(adverseEventKey(e));
    const relapseRows = await tx
      .select({ patientId: relapses.patientId, relapseDate: relapses.relapseDate, domain: relapses.domain })
      .from(relapses)
      .where(and(inArray(relapses.patientId, ids), isNull(relapses.voidedAt)));
    for (const { patientId, ...r } of relapseRows) byId.get(patientId)!.relapses.push(r);
  }
  return saved;
}

/**
 * MMT8 above the scale of the patient's cohort (its report settings): a cohort scored on one
 * side stops at 80. A cohort the import creates has the default scale.
 */
async function mmt8ScaleProblems(tx: Db, read: ReadImport, saved: Awaited<ReturnType<typeof loadSaved>>): Promise<Problem[]> {
  const withMmt8 = read.visits.filter((r) => r.value.mmt8 !== null && !r.invalid.has('mmt8'));
  if (withMmt8.length === 0) return [];
  const rows = await tx.select({ id: cohorts.id, code: cohorts.code, reportSettings: cohorts.reportSettings }).from(cohorts);
  const codeOf = new Map(rows.map((c) => [c.id, c.code]));
  const scaleOf = new Map(rows.map((c) => [c.code, storedReportSettings(c.reportSettings).mmt8Max]));
  const cohortOf = new Map([...saved.values()].map((p) => [p.code, codeOf.get(p.cohortId)]));
  for (const r of read.patients) if (!r.invalid.has('cohort')) cohortOf.set(r.value.code, r.value.cohort);
  return withMmt8.flatMap((r) => {
    const max = scaleOf.get(cohortOf.get(r.value.patientCode) ?? '') ?? DEFAULT_REPORT_SETTINGS.mmt8Max;
    return scaleProblems(r.value, max).map((p) => ({ file: 'visits.csv' as const, line: r.line, column: 'mmt8', message: p.message }));
  });
}

/**
 * Lines that would add to a cohort locked for analysis (cohort-lock.ts): new patients of it,
 * and visits, events and relapses of its saved patients. The cohorts named are held open
 * until the import commits.
 */
async function lockedCohortProblems(tx: Db, read: ReadImport, saved: Awaited<ReturnType<typeof loadSaved>>): Promise<Problem[]> {
  const newCodes = [...new Set(read.patients.filter((r) => !r.invalid.has('cohort')).map((r) => r.value.cohort))];
  const savedIds = [...new Set([...saved.values()].map((p) => p.cohortId))];
  if (newCodes.length === 0 && savedIds.length === 0) return [];
  const rows = await tx
    .select({ id: cohorts.id, code: cohorts.code, lockedAt: cohorts.lockedAt })
    .from(cohorts)
    .where(or(newCodes.length ? inArray(cohorts.code, newCodes) : undefined, savedIds.length ? inArray(cohorts.id, savedIds) : undefined))
    .for('key share');
  const locked = new Map(rows.filter((r) => r.lockedAt).map((r) => [r.code, r.lockedAt!]));
  if (locked.size === 0) return [];
  const message = (code: string) =>
    `cohort ${code} is locked for analysis since ${locked.get(code)!.toISOString().slice(0, 10)}: nothing can be imported into it until a coordinator unlocks it`;
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const problems: Problem[] = read.patients
    .filter((r) => !r.invalid.has('cohort') && locked.has(r.value.cohort))
    .map((r) => ({ file: 'patients.csv', line: r.line, column: 'cohort', message: message(r.value.cohort) }));
  for (const [file, rows] of [['visits.csv', read.visits], ['adverse_events.csv', read.adverseEvents], ['relapses.csv', read.relapses]] as const) {
    for (const r of rows) {
      const patient = saved.get(r.value.patientCode);
      const code = patient && codeOf.get(patient.cohortId);
      if (code && locked.has(code)) problems.push({ file, line: r.line, column: 'patient_code', message: message(code) });
    }
  }
  return problems;
}

function namedCodes(read: ReadImport): string[] {
  const codes = new Set<string>();
  for (const r of read.patients) if (!r.invalid.has('code')) codes.add(r.value.code);
  for (const r of [...read.visits, ...read.adverseEvents, ...read.relapses]) if (!r.invalid.has('patientCode')) codes.add(r.value.patientCode);
  return [...codes];
}

/** Site or cohort rows by code, creating the missing ones (named by their code), with an audit entry each. */
async function ensureCodes(tx: Db, table: typeof sites | typeof cohorts, codes: string[], actorId: string) {
  const wanted = [...new Set(codes)];
  const existing = wanted.length ? await tx.select().from(table).where(inArray(table.code, wanted)) : [];
  const missing = wanted.filter((c) => !existing.some((r) => r.code === c)).sort();
  // Another writer may create one of them meanwhile: theirs is then used.
  const created = missing.length ? await tx.insert(table).values(missing.map((code) => ({ code, name: code }))).onConflictDoNothing().returning() : [];
  const raced = created.length < missing.length ? await tx.select().from(table).where(inArray(table.code, missing)) : [];
  const entity = table === sites ? 'site' : 'cohort';
  await writeAuditMany(tx, created.map((row) => ({ actorId, action: 'create', entity, entityId: row.id, after: row, reason: IMPORT_REASON })));
  return { ids: new Map([...existing, ...raced, ...created].map((r) => [r.code, r.id])), created: created.map((r) => r.code).sort() };
}

/**
 * Imports the four files (contents as text; an empty text means no rows), all or nothing.
 * `siteIds`: the caller's sites, when the app calls it; a row for another site is refused.
 * Without it (the command line) any site will do, and a site or cohort not yet known is created.
 */
export async function importCohort(
  db: Db,
  { actorId, files, siteIds, today }: { actorId: string; files: InterchangeFiles; siteIds?: string[]; today?: string },
): Promise<ImportResult> {
  const read = readImport(files, { today });
  try {
    const result = await db.transaction(async (tx) => {
      const allowedSites = siteIds
        ? new Set((siteIds.length ? await tx.select().from(sites).where(inArray(sites.id, siteIds)) : []).map((s) => s.code))
        : null;
      const saved = await loadSaved(tx, namedCodes(read));
      const problems = sortProblems([...read.problems, ...checkImport(read, { saved, allowedSites }), ...(await mmt8ScaleProblems(tx, read, saved)), ...(await lockedCohortProblems(tx, read, saved))]);
      if (problems.length) return { ok: false as const, problems: problems.map(formatProblem) };
      return write(tx, actorId, read, saved);
    });
    // A large import changes the tables' shape: fresh statistics keep the report's plans right.
    if (result.ok && result.counts.visits >= 1000) await db.execute(sql`analyze patient, visit, adverse_event`);
    return result;
  } catch (e) {
    // Another writer created one of these patient codes after the check above.
    if (constraintViolation(e)?.constraint === 'patient_code_unique')
      return { ok: false, problems: ['patients.csv:1: patient_code: a patient of this file was created meanwhile by someone else; import again to see which'] };
    throw e;
  }
}

async function write(tx: Db, actorId: string, read: ReadImport, saved: Awaited<ReturnType<typeof loadSaved>>): Promise<ImportResult> {
  const newPatients = read.patients.map((r) => r.value);
  const siteRows = await ensureCodes(tx, sites, newPatients.map((p) => p.site), actorId);
  const cohortRows = await ensureCodes(tx, cohorts, newPatients.map((p) => p.cohort), actorId);
  const attribution = { createdBy: actorId, updatedBy: actorId };
  const created = (entity: AuditEntity) => ({ actorId, entity, reason: IMPORT_REASON });

  const patientRows = await insertManyAudited(
    tx,
    patients,
    newPatients.map(({ site, cohort, ...p }: PatientRecord) => ({ ...p, siteId: siteRows.ids.get(site)!, cohortId: cohortRows.ids.get(cohort)!, ...attribution })),
    created('patient'),
    ['id', 'code'],
  );
  const patientIds = new Map([...saved.values()].map((p) => [p.code, p.id]));
  for (const row of patientRows) patientIds.set(row.code as string, row.id as string);
  const cohortOf = new Map([...saved.values()].map((p) => [p.code, p.cohortId]));
  for (const p of newPatients) cohortOf.set(p.code, cohortRows.ids.get(p.cohort)!);

  const perCohort = new Map<string, ImportCounts>();
  const tally = (patientCode: string, key: keyof ImportCounts) => {
    const cohortId = cohortOf.get(patientCode)!;
    const counts = perCohort.get(cohortId) ?? { patients: 0, visits: 0, adverseEvents: 0, relapses: 0 };
    counts[key] += 1;
    perCohort.set(cohortId, counts);
  };
  for (const p of newPatients) tally(p.code, 'patients');
  for (const { value } of read.visits) tally(value.patientCode, 'visits');
  for (const { value } of read.adverseEvents) tally(value.patientCode, 'adverseEvents');
  for (const { value } of read.relapses) tally(value.patientCode, 'relapses');

  await insertManyAudited(
    tx,
    visits,
    read.visits.map(({ value: { patientCode, ...v } }) => ({ ...v, patientId: patientIds.get(patientCode)!, ...attribution })),
    created('visit'),
  );
  await insertManyAudited(
    tx,
    adverseEvents,
    read.adverseEvents.map(({ value: { patientCode, ...e } }) => ({ ...e, ongoing: e.endDate === null, patientId: patientIds.get(patientCode)!, ...attribution })),
    created('adverse_event'),
  );
  await insertManyAudited(
    tx,
    relapses,
    read.relapses.map(({ value: { patientCode, ...r } }) => ({ ...r, patientId: patientIds.get(patientCode)!, ...attribution })),
    created('relapse'),
  );

  const counts: ImportCounts = {
    patients: newPatients.length,
    visits: read.visits.length,
    adverseEvents: read.adverseEvents.length,
    relapses: read.relapses.length,
  };
  const summary = { total: counts, createdSites: siteRows.created, createdCohorts: cohortRows.created };
  await writeAuditMany(
    tx,
    [...perCohort].map(([cohortId, cohortCounts]) => ({ actorId, action: 'import', entity: 'cohort', entityId: cohortId, after: { counts: cohortCounts, ...summary }, reason: IMPORT_REASON })),
  );
  return { ok: true, counts, createdSites: siteRows.created, createdCohorts: cohortRows.created };
}
