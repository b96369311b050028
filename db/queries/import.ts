import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  ImportCheck,
  adverseEventKey,
  formatProblem,
  readEventsAndRelapses,
  readPatientBatches,
  readVisitBatches,
  sortProblems,
  type AdverseEventRecord,
  type FileName,
  type ImportFiles,
  type PatientRecord,
  type RelapseRecord,
  type Row,
  type SavedPatient,
  type VisitRecord,
} from '@/lib/interchange';
import type { CsvOutcome } from '@/lib/interchange/csv';
import type { Problem } from '@/lib/interchange/problems';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { mmt8ScaleProblems as scaleProblems } from '@/lib/visits/rules';
import { appendStagedAudit, bulkAudit, writeAuditMany, type BulkAudit } from '../audit';
import type { Db } from '../client';
import { auditedInserts, chunks, insertManyAudited, runAuditedInserts } from '../insert-many';
import { analyzeWhereNoAutovacuum } from '../maintenance';
import { constraintViolation } from '../pg-errors';
import { adverseEvents, cohorts, patients, relapses, sites, visits, type AuditEntity } from '../schema';

// The import of a cohort as the four CSV files of docs/interchange.md, all or nothing, in one
// transaction. adverse_events.csv and relapses.csv, the short ones, are read and checked whole;
// patients.csv, then visits.csv, are read, checked and written a thousand rows at a time,
// keeping of each patient and visit only what the later checks need, so the import's memory
// grows little with its rows. Writing stops at the first problem while reading goes on to list
// them all; any problem rolls back what the batches wrote.

const IMPORT_REASON = 'CSV import';

export type ImportCounts = { patients: number; visits: number; adverseEvents: number; relapses: number };
export type ImportResult =
  | { ok: true; counts: ImportCounts; createdSites: string[]; createdCohorts: string[] }
  | { ok: false; problems: string[] };

type Saved = Map<string, SavedPatient & { id: string; cohortId: string }>;

/** Adds to `saved` the patients of `codes` that the database holds, locked so that no visit slips in meanwhile. */
async function loadSaved(tx: Db, codes: string[], saved: Saved): Promise<void> {
  const found: Saved = new Map();
  for (const batch of chunks(codes)) {
    const rows = await tx
      .select({ patient: patients, siteCode: sites.code })
      .from(patients)
      .innerJoin(sites, eq(sites.id, patients.siteId))
      .where(inArray(patients.code, batch))
      .for('update', { of: patients });
    for (const { patient: p, siteCode } of rows)
      found.set(p.code, {
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
  const byId = new Map([...found.values()].map((p) => [p.id, p]));
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
  for (const [code, patient] of found) saved.set(code, patient);
}
type CohortRow = { id: string; code: string; lockedAt: Date | null; mmt8Max: number };

/**
 * The cohorts the import adds to, read as they are met (by code for new patients, by id for
 * saved ones) and held open until the import commits (cohort-lock.ts): their MMT8 scale and
 * whether they are locked for analysis.
 */
function cohortsMet(tx: Db) {
  const byCode = new Map<string, CohortRow>();
  const byId = new Map<string, CohortRow>();
  const asked = new Set<string>();
  return {
    async load(codes: Iterable<string>, ids: Iterable<string>) {
      const newCodes = [...new Set(codes)].filter((c) => !asked.has(`code:${c}`));
      const newIds = [...new Set(ids)].filter((i) => !asked.has(`id:${i}`));
      if (newCodes.length === 0 && newIds.length === 0) return;
      for (const c of newCodes) asked.add(`code:${c}`);
      for (const i of newIds) asked.add(`id:${i}`);
      const rows = await tx
        .select({ id: cohorts.id, code: cohorts.code, lockedAt: cohorts.lockedAt, reportSettings: cohorts.reportSettings })
        .from(cohorts)
        .where(or(newCodes.length ? inArray(cohorts.code, newCodes) : undefined, newIds.length ? inArray(cohorts.id, newIds) : undefined))
        .for('key share');
      for (const { reportSettings, ...c } of rows) {
        const row = { ...c, mmt8Max: storedReportSettings(reportSettings).mmt8Max };
        byCode.set(c.code, row);
        byId.set(c.id, row);
      }
    },
    byCode: (code: string) => byCode.get(code),
    byId: (id: string) => byId.get(id),
  };
}
type CohortsMet = ReturnType<typeof cohortsMet>;

const lockedMessage = (c: CohortRow) =>
  `cohort ${c.code} is locked for analysis since ${c.lockedAt!.toISOString().slice(0, 10)}: nothing can be imported into it until a coordinator unlocks it`;

/** New patients of a cohort locked for analysis (cohort-lock.ts). */
function lockedPatientProblems(rows: Row<PatientRecord>[], met: CohortsMet): Problem[] {
  return rows.flatMap((r) => {
    const cohort = r.invalid.has('cohort') ? undefined : met.byCode(r.value.cohort);
    return cohort?.lockedAt ? [{ file: 'patients.csv' as const, line: r.line, column: 'cohort', message: lockedMessage(cohort) }] : [];
  });
}

/** Records for saved patients of a cohort locked for analysis. */
function lockedRecordProblems<R extends { patientCode: string }>(file: FileName, rows: Row<R>[], saved: Saved, met: CohortsMet): Problem[] {
  return rows.flatMap((r) => {
    const patient = saved.get(r.value.patientCode);
    const cohort = patient && met.byId(patient.cohortId);
    return cohort?.lockedAt ? [{ file, line: r.line, column: 'patient_code', message: lockedMessage(cohort) }] : [];
  });
}

/**
 * MMT8 above the scale of the patient's cohort (its report settings): a cohort scored on one
 * side stops at 80. A cohort the import creates has the default scale.
 */
function mmt8ScaleProblems(rows: Row<VisitRecord>[], cohortOf: (patientCode: string) => CohortRow | undefined): Problem[] {
  return rows.flatMap((r) => {
    if (r.value.mmt8 === null || r.invalid.has('mmt8')) return [];
    const max = cohortOf(r.value.patientCode)?.mmt8Max ?? DEFAULT_REPORT_SETTINGS.mmt8Max;
    return scaleProblems(r.value, max).map((p) => ({ file: 'visits.csv' as const, line: r.line, column: 'mmt8', message: p.message }));
  });
}

/** The patient codes that the rows name. */
function namedCodes<R extends { patientCode: string }>(rows: Row<R>[]): string[] {
  return rows.filter((r) => !r.invalid.has('patientCode')).map((r) => r.value.patientCode);
}

/**
 * Site or cohort ids by code into `known`, creating the missing ones (named by their code),
 * with an audit entry each. The codes created.
 */
async function ensureCodes(tx: Db, table: typeof sites | typeof cohorts, codes: string[], known: Map<string, string>, actorId: string, audit: BulkAudit) {
  const wanted = [...new Set(codes)].filter((c) => !known.has(c));
  if (wanted.length === 0) return [];
  const existing = await tx.select().from(table).where(inArray(table.code, wanted));
  const missing = wanted.filter((c) => !existing.some((r) => r.code === c)).sort();
  // Another writer may create one of them meanwhile: theirs is then used.
  const created = missing.length ? await tx.insert(table).values(missing.map((code) => ({ code, name: code }))).onConflictDoNothing().returning() : [];
  const raced = created.length < missing.length ? await tx.select().from(table).where(inArray(table.code, missing)) : [];
  const entity = table === sites ? 'site' : 'cohort';
  await writeAuditMany(tx, created.map((row) => ({ actorId, action: 'create', entity, entityId: row.id, after: row, reason: IMPORT_REASON })), audit);
  for (const r of [...existing, ...raced, ...created]) known.set(r.code, r.id);
  return created.map((r) => r.code);
}

/** Problems found: the transaction is rolled back, whatever the batches wrote. */
class Refused extends Error {
  constructor(readonly problems: string[]) {
    super('the import was refused');
  }
}

/**
 * What a large import analyzes where nothing else will (the embedded database): the patients
 * and adverse events whole and, of the visits, many times larger, only the columns the app's
 * queries find, join and order them by. The measures' statistics would guide no plan, and
 * computing them took two thirds of the analysis (0.25 of 0.37 s for 55,000 visits).
 */
const ANALYZED_AFTER_IMPORT = sql`patient, adverse_event, visit (id, patient_id, visit_date, visit_type, voided_at)`;

/**
 * Imports the four files (texts or UTF-8 bytes; an empty one means no rows), all or nothing.
 * `siteIds`: the caller's sites, when the app calls it; a row for another site is refused.
 * Without it (the command line) any site will do, and a site or cohort not yet known is created.
 */
export async function importCohort(
  db: Db,
  { actorId, files, siteIds, today, ready }: { actorId: string; files: ImportFiles; siteIds?: string[]; today?: string; ready?: Promise<unknown> },
): Promise<ImportResult> {
  ready?.catch(() => {}); // awaited below, after the reading
  // Read before the transaction: meanwhile the database may still be getting ready (`ready`:
  // the command line's migration, the embedded database opening on its thread).
  const records = readEventsAndRelapses(files, { today });
  const patientsRead: CsvOutcome = { problems: [], complete: true };
  const patientBatches = readingAhead(readPatientBatches(files.patients, patientsRead, { today }));
  await ready;
  try {
    const result = await db.transaction(async (tx) => {
      const allowedSites = siteIds
        ? new Set((siteIds.length ? await tx.select().from(sites).where(inArray(sites.id, siteIds)) : []).map((s) => s.code))
        : null;
      return importIn(tx, { actorId, files, records, patientBatches, patientsRead, allowedSites, today });
    });
    // A large import changes the tables' shape: fresh statistics keep the report's plans right.
    if (result.counts.visits >= 1000) await analyzeWhereNoAutovacuum(db, ANALYZED_AFTER_IMPORT);
    return result;
  } catch (e) {
    if (e instanceof Refused) return { ok: false, problems: e.problems };
    // Another writer created one of these patient codes after the check above.
    if (constraintViolation(e)?.constraint === 'patient_code_unique')
      return { ok: false, problems: ['patients.csv:1: patient_code: a patient of this file was created meanwhile by someone else; import again to see which'] };
    throw e;
  }
}

/** Batches with the first one read from now on, while the caller waits for something else. */
function readingAhead<T>(batches: AsyncGenerator<T>): AsyncIterable<T> {
  const first = batches.next();
  first.catch(() => {}); // awaited when the batches are
  return {
    async *[Symbol.asyncIterator]() {
      for (let next = await first; !next.done; next = await batches.next()) yield next.value;
    },
  };
}

type ImportOptions = {
  actorId: string;
  files: ImportFiles;
  /** adverse_events.csv and relapses.csv, read whole. */
  records: ReturnType<typeof readEventsAndRelapses>;
  patientBatches: AsyncIterable<{ rows: Row<PatientRecord>[]; problems: Problem[] }>;
  /** What reading patients.csv found besides its rows, complete once its last batch is read. */
  patientsRead: CsvOutcome;
  allowedSites: Set<string> | null;
  today?: string;
};

async function importIn(tx: Db, { actorId, files, records, patientBatches, patientsRead, allowedSites, today }: ImportOptions): Promise<ImportResult & { ok: true }> {
  const saved: Saved = new Map();
  const met = cohortsMet(tx);
  /** The cohort code of each patient of patients.csv. */
  const imported = new Map<string, string>();
  const cohortOf = (code: string) => {
    const patient = saved.get(code);
    if (patient) return met.byId(patient.cohortId);
    const cohort = imported.get(code);
    return cohort === undefined ? undefined : met.byCode(cohort);
  };
  // Problems of one file on its own and of the locked cohorts, always listed; those between the
  // files (`check.problems`) only when every row of every file could be read.
  const problems: Problem[] = [...records.problems];
  const check = new ImportCheck({ saved, allowedSites });
  const clean = () => problems.length === 0 && check.problems.length === 0;
  let writer: Writer | null = null;

  // One batch is written while the next is read and checked: Node's reading and the database's
  // writing overlap, and at most two batches are held at once. Writing stops at the first
  // problem; reading goes on to list them all.
  let writing: Promise<void> = Promise.resolve();
  const writeNext = (batch: Promise<void>) => {
    writing = batch;
    writing.catch(() => {}); // awaited before the next batch is written, or after the last is read
  };
  // A query sent while a batch is written fails, once that batch has failed, as the aborted
  // transaction's: the batch's own refusal is then the import's error.
  const afterWrites = async <T>(query: Promise<T>): Promise<T> => {
    try {
      return await query;
    } catch (e) {
      await writing;
      throw e;
    }
  };

  let patientCount = 0;
  for await (const batch of patientBatches) {
    patientCount += batch.rows.length;
    const codes = batch.rows.filter((r) => !r.invalid.has('code')).map((r) => r.value.code);
    await afterWrites(loadSaved(tx, codes, saved));
    const cohortCodes = batch.rows.filter((r) => !r.invalid.has('cohort')).map((r) => r.value.cohort);
    await afterWrites(met.load(cohortCodes, [...saved.values()].map((p) => p.cohortId)));
    for (const r of batch.rows) if (!r.invalid.has('code') && !r.invalid.has('cohort')) imported.set(r.value.code, r.value.cohort);
    problems.push(...batch.problems, ...lockedPatientProblems(batch.rows, met));
    check.patients(batch.rows);
    if (clean()) {
      writer ??= await writerFor(tx, actorId, saved);
      const statements = await afterWrites(writer.patients(batch.rows.map((r) => r.value)));
      await writing;
      writeNext(runAuditedInserts(tx, statements, writer.audit));
    }
  }
  problems.push(...patientsRead.problems);

  const { adverseEvents: eventRows, relapses: relapseRows } = records;
  const named = [...new Set([...namedCodes(eventRows), ...namedCodes(relapseRows)])].filter((c) => !imported.has(c) && !saved.has(c));
  await afterWrites(loadSaved(tx, named, saved));
  await afterWrites(met.load([], [...saved.values()].map((p) => p.cohortId)));
  problems.push(...lockedRecordProblems('adverse_events.csv', eventRows, saved, met), ...lockedRecordProblems('relapses.csv', relapseRows, saved, met));
  check.adverseEvents(eventRows);
  check.relapses(relapseRows);

  // A database rule (one baseline, one visit a day) may refuse a batch of visits before the
  // check has seen the patient's later visits: writing stops there, the check goes on and
  // names the line; rolling back to this savepoint keeps the transaction usable meanwhile. Sent
  // once the patients are written: if they are refused, their refusal is the error, not the
  // savepoint's in the aborted transaction.
  if (clean()) {
    writer ??= await writerFor(tx, actorId, saved);
    writeNext(writing.then(() => tx.execute(sql`savepoint import_visits`)).then(() => undefined));
  }
  const visitsRead: CsvOutcome = { problems: [], complete: true };
  let visitCount = 0;
  let writeFailed: unknown = null;
  let writeError: unknown = null;
  const write = async (statements: SQL[]) => {
    if (writeFailed) return;
    try {
      await runAuditedInserts(tx, statements, writer!.audit);
    } catch (e) {
      if (!constraintViolation(e)) writeError = e;
      else {
        writeFailed = e;
        await tx.execute(sql`rollback to savepoint import_visits`);
      }
    }
  };
  for await (const batch of readVisitBatches(files.visits, visitsRead, { today })) {
    if (writeError) break;
    const codes = batch.rows.filter((r) => !r.invalid.has('patientCode') && !imported.has(r.value.patientCode)).map((r) => r.value.patientCode);
    const unseen = codes.filter((c) => !saved.has(c));
    // Saved patients are locked outside the batch's savepoint, which could give the lock back.
    if (unseen.length) await writing;
    await loadSaved(tx, unseen, saved);
    await met.load([], [...saved.values()].map((p) => p.cohortId));
    problems.push(...batch.problems, ...mmt8ScaleProblems(batch.rows, cohortOf), ...lockedRecordProblems('visits.csv', batch.rows, saved, met));
    check.visits(batch.rows);
    visitCount += batch.rows.length;
    if (writer && clean() && !writeFailed) {
      // Built before waiting for the batch before: only sending waits.
      const statements = writer.visits(batch.rows.map((r) => r.value));
      await writing;
      writeNext(write(statements));
    }
  }
  await writing;
  if (writeError) throw writeError;
  check.alreadyImported();
  check.placeVisits();
  problems.push(...visitsRead.problems);
  if (patientsRead.complete && records.complete && visitsRead.complete) problems.push(...check.problems);
  if (problems.length || !writer) throw new Refused(sortProblems(problems).map(formatProblem));
  if (writeFailed) throw writeFailed;
  await writer.adverseEvents(eventRows.map((r) => r.value));
  await writer.relapses(relapseRows.map((r) => r.value));
  const counts: ImportCounts = { patients: patientCount, visits: visitCount, adverseEvents: eventRows.length, relapses: relapseRows.length };
  return writer.finish(counts);
}

type Writer = Awaited<ReturnType<typeof writerFor>>;

/**
 * Writes a checked import: the patients a batch at a time, each batch's new sites and cohorts
 * first, then the visits a batch at a time, then the events and relapses, each row with its
 * `create` entry; last, one `import` entry per cohort with its counts. The entries go into the
 * chain in that order: staged and appended at the end on a PostgreSQL server, linked as
 * written on the embedded database (bulkAudit, db/audit.ts).
 */
async function writerFor(tx: Db, actorId: string, saved: Saved) {
  const audit = await bulkAudit();
  const siteIds = new Map<string, string>();
  const cohortIds = new Map<string, string>();
  const createdSites: string[] = [];
  const createdCohorts: string[] = [];
  const attribution = { createdBy: actorId, updatedBy: actorId };
  const created = (entity: AuditEntity) => ({ actorId, entity, reason: IMPORT_REASON });

  // The new patients' ids are made here, so that a batch needs nothing back from the database
  // and visits can be built while patients are written.
  const patientIds = new Map<string, string>();
  const cohortOfNew = new Map<string, string>();
  // Saved patients are looked up as visits name them: read at use, not now.
  const idOf = (code: string) => patientIds.get(code) ?? saved.get(code)!.id;
  const cohortIdOf = (code: string) => cohortOfNew.get(code) ?? saved.get(code)!.cohortId;

  const perCohort = new Map<string, ImportCounts>();
  const tally = (patientCode: string, key: keyof ImportCounts) => {
    const cohortId = cohortIdOf(patientCode);
    const counts = perCohort.get(cohortId) ?? { patients: 0, visits: 0, adverseEvents: 0, relapses: 0 };
    counts[key] += 1;
    perCohort.set(cohortId, counts);
  };

  return {
    audit,
    /** The statements writing a batch of new patients, once their new sites and cohorts are written. */
    async patients(rows: PatientRecord[]): Promise<SQL[]> {
      createdSites.push(...(await ensureCodes(tx, sites, rows.map((p) => p.site), siteIds, actorId, audit)));
      createdCohorts.push(...(await ensureCodes(tx, cohorts, rows.map((p) => p.cohort), cohortIds, actorId, audit)));
      // The site and cohort codes are no columns of a patient: left out of the insert.
      const patientRows = rows.map((p) => ({ id: randomUUID(), ...p, siteId: siteIds.get(p.site)!, cohortId: cohortIds.get(p.cohort)!, ...attribution }));
      for (const p of patientRows) {
        patientIds.set(p.code, p.id);
        cohortOfNew.set(p.code, p.cohortId);
        tally(p.code, 'patients');
      }
      return auditedInserts(patients, patientRows, created('patient'), audit);
    },
    /** The statements writing a batch of visits (runAuditedInserts sends them, with `audit`). */
    visits(rows: VisitRecord[]): SQL[] {
      for (const v of rows) tally(v.patientCode, 'visits');
      // The patient code is no column of a visit: left out of the insert.
      return auditedInserts(visits, rows.map((v) => ({ ...v, patientId: idOf(v.patientCode), ...attribution })), created('visit'), audit);
    },
    async adverseEvents(rows: AdverseEventRecord[]) {
      for (const e of rows) tally(e.patientCode, 'adverseEvents');
      await insertManyAudited(
        tx,
        adverseEvents,
        rows.map(({ patientCode, ...e }) => ({ ...e, ongoing: e.endDate === null, patientId: idOf(patientCode), ...attribution })),
        created('adverse_event'),
        audit,
      );
    },
    async relapses(rows: RelapseRecord[]) {
      for (const r of rows) tally(r.patientCode, 'relapses');
      await insertManyAudited(tx, relapses, rows.map(({ patientCode, ...r }) => ({ ...r, patientId: idOf(patientCode), ...attribution })), created('relapse'), audit);
    },
    async finish(counts: ImportCounts) {
      const summary = { total: counts, createdSites: createdSites.sort(), createdCohorts: createdCohorts.sort() };
      await writeAuditMany(
        tx,
        [...perCohort].map(([cohortId, cohortCounts]) => ({ actorId, action: 'import', entity: 'cohort', entityId: cohortId, after: { counts: cohortCounts, ...summary }, reason: IMPORT_REASON })),
        audit,
      );
      // Last: from here to commit the chain's lock is held (staged entries: none when linked).
      await appendStagedAudit(tx);
      return { ok: true as const, counts, createdSites, createdCohorts };
    },
  };
}
