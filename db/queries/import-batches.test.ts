import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { EVENT_HEADER, PATIENT_HEADER, RELAPSE_HEADER, VISIT_HEADER, csv, patientCells, visitCells } from '@/test-support/interchange';
import type { InterchangeFiles } from '@/lib/interchange';
import { verifyAuditChain } from '../audit-verify';
import { openForBulkWork, selectRows, type Db } from '../client';
import { auditLog, patients, visits } from '../schema';
import { countRows, createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, visitInput, TEST_DRIVER, type TestDatabase } from '@/test-support/db';
import { createPatient } from './patients';
import { createVisit } from './visits';
import { importCohort } from './import';

// visits.csv is read, checked and written a thousand rows at a time (db/queries/import.ts):
// these imports have more visits than one batch holds. Run on both drivers (test:db and
// TEST_DRIVER=pglite): the embedded database takes the same batched path, here opened as
// `npm run import` opens it, on a thread of its own (db/pglite-thread.ts).

let t: TestDatabase;
let db: Db;
const ACTOR = 'user-coordinator-1';
const PATIENTS = 1_100;

before(async () => {
  openForBulkWork();
  t = await createTestDatabase();
  db = t.db;
});

after(async () => {
  await t?.cleanup();
});

const code = (i: number) => `BAT-${String(i).padStart(4, '0')}`;

/** PATIENTS patients of one site with a baseline each, then `extra` visit rows (and `extraPatients`): more rows than one batch. */
function batchFiles(extra: Record<string, string>[] = [], extraPatients: Record<string, string>[] = []): InterchangeFiles {
  const patientRows = [...Array.from({ length: PATIENTS }, (_, i) => patientCells({ patient_code: code(i), site: 'BATCH', cohort: 'BATCHES' })), ...extraPatients];
  const visitRows = [...Array.from({ length: PATIENTS }, (_, i) => visitCells({ patient_code: code(i) })), ...extra];
  return { patients: csv(PATIENT_HEADER, patientRows), visits: csv(VISIT_HEADER, visitRows), adverseEvents: csv(EVENT_HEADER, []), relapses: csv(RELAPSE_HEADER, []) };
}

async function counts() {
  return { patients: await countRows(db, patients), visits: await countRows(db, visits), audit: await countRows(db, auditLog) };
}

describe('the batched import', () => {
  test('a bad cell in the last batch: nothing written, the message names file, line and column', async () => {
    const before = await counts();
    const last = PATIENTS + 2; // the header is line 1
    const result = await importCohort(db, { actorId: ACTOR, files: batchFiles([visitCells({ patient_code: code(0), visit_date: '2024-04-10', visit_type: 'follow_up', cdasi_activity: '999' })]) });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.problems.length === 1 && result.problems[0]!.startsWith(`visits.csv:${last}: cdasi_activity: `), JSON.stringify(result));
    assert.deepEqual(await counts(), before);
  });

  test('a second baseline in the last batch, refused by the database before the check sees it: nothing written, the line named', async () => {
    const before = await counts();
    const last = PATIENTS + 2;
    const result = await importCohort(db, { actorId: ACTOR, files: batchFiles([visitCells({ patient_code: code(3), visit_date: '2024-01-06' })]) });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.problems.some((p) => p.startsWith(`visits.csv:${last}: `)), JSON.stringify(result));
    assert.deepEqual(await counts(), before);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('patients.csv is read in batches too: problems in its last batch, across batches or against the database, write nothing', async () => {
    const [site, cohort] = [await makeSite(db), await makeCohort(db)];
    await createPatient(db, { actorId: ACTOR, siteIds: [site.id], input: patientInput({ siteId: site.id, cohortId: cohort.id, code: 'LATE-SAVED', jakiStartDate: '2024-01-10' }) });
    const before = await counts();
    const late = (cells: Record<string, string>) => patientCells({ site: 'BATCH', cohort: 'BATCHES', ...cells });
    const files = batchFiles([], [late({ patient_code: code(5) }), late({ patient_code: 'LATE-SAVED' }), late({ patient_code: 'LATE-BAD', birth_year: 'nineteen' })]);
    const result = await importCohort(db, { actorId: ACTOR, files });
    assert.ok(!result.ok, JSON.stringify(result));
    assert.deepEqual(result.problems.slice(0, 2), [
      `patients.csv:${PATIENTS + 2}: patient_code: ${code(5)} appears twice (also on line 7)`,
      `patients.csv:${PATIENTS + 3}: patient_code: LATE-SAVED already exists`,
    ]);
    assert.match(result.problems[2]!, new RegExp(`^patients.csv:${PATIENTS + 4}: birth_year: `));
    assert.equal(result.problems.length, 3);
    assert.deepEqual(await counts(), before);
  });

  test('a site and a cohort met only in the last batch of patients are created before their patients', async () => {
    const before = await counts();
    const files = batchFiles([], [patientCells({ patient_code: 'LAST-SITE', site: 'BATCH-LATE', cohort: 'BATCHES-LATE' })]);
    // Codes, sites and cohorts of their own: the next test creates BATCH and BATCHES.
    const renamed = { ...files, patients: files.patients.replaceAll('BAT-', 'LST-').replaceAll('BATCH', 'LST'), visits: files.visits.replaceAll('BAT-', 'LST-') };
    const result = await importCohort(db, { actorId: ACTOR, files: renamed });
    assert.deepEqual(result, { ok: true, counts: { patients: PATIENTS + 1, visits: PATIENTS, adverseEvents: 0, relapses: 0 }, createdSites: ['LST', 'LST-LATE'], createdCohorts: ['LSTES', 'LSTES-LATE'] });
    const [late] = await selectRows<{ site: number; cohort: number; patient: number }>(
      db,
      sql`select (select seq from audit_log where entity = 'site' and after->>'code' = 'LST-LATE')::int as site,
                 (select seq from audit_log where entity = 'cohort' and after->>'code' = 'LSTES-LATE')::int as cohort,
                 (select seq from audit_log where entity = 'patient' and after->>'code' = 'LAST-SITE')::int as patient`,
    );
    assert.ok(late!.site < late!.patient && late!.cohort < late!.patient, JSON.stringify(late));
    // the first batch's site and cohort, the late ones, a create entry per patient and visit, the two cohorts' import entries
    assert.equal((await counts()).audit - before.audit, 4 + (PATIENTS + 1) + PATIENTS + 2);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test('a good import: every row with its one entry, the chain verifies', async () => {
    const before = await counts();
    const result = await importCohort(db, { actorId: ACTOR, files: batchFiles() });
    assert.deepEqual(result, { ok: true, counts: { patients: PATIENTS, visits: PATIENTS, adverseEvents: 0, relapses: 0 }, createdSites: ['BATCH'], createdCohorts: ['BATCHES'] });
    const after = await counts();
    assert.equal(after.patients - before.patients, PATIENTS);
    assert.equal(after.visits - before.visits, PATIENTS);
    // a create entry per patient and visit, the site's and the cohort's, the cohort's import entry
    assert.equal(after.audit - before.audit, 2 * PATIENTS + 3);
    assert.equal((await verifyAuditChain(db)).ok, true);
    if (TEST_DRIVER === 'pglite') {
      // No autovacuum there: the import analyzed what it filled, the visits' lookup columns with them.
      const [visitTable] = await selectRows<{ n: number }>(db, sql`select reltuples::int as n from pg_class where relname = 'visit'`);
      assert.equal(visitTable?.n, after.visits);
      const columns = await selectRows<{ name: string }>(db, sql`select attname as name from pg_stats where tablename = 'visit'`);
      for (const name of ['patient_id', 'visit_date', 'visit_type', 'voided_at']) assert.ok(columns.some((c) => c.name === name), name);
    }
  });

  test('a patient of the file created by someone else while the import writes: refused, nothing of the import written', postgresOnly('a second connection'), async () => {
    const [site, cohort] = [await makeSite(db), await makeCohort(db)];
    const files = batchFiles();
    const renamed = { ...files, patients: files.patients.replaceAll('BAT-', 'RAC-'), visits: files.visits.replaceAll('BAT-', 'RAC-') };
    const before = await counts();
    const other = postgres(t.url, { max: 1, onnotice: () => {} });
    try {
      // The other writer's RAC-0500 is not committed when the import checks its codes, and is
      // committed once the import's insert of the same code waits for it.
      let inserted!: () => void;
      const uncommitted = new Promise<void>((resolve) => (inserted = resolve));
      const othersSave = other.begin(async (q) => {
        await q`insert into patient (code, site_id, cohort_id, sex, birth_year, jaki_drug, jaki_dose_mg_day, jaki_start_date, created_by, updated_by)
                values ('RAC-0500', ${site.id}, ${cohort.id}, 'F', 1970, 'tofacitinib', 10, '2024-01-10', 'someone-else', 'someone-else')`;
        inserted();
        for (let waited = 0; ; waited += 50) {
          const [row] = await q<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
          if (row!.n > 0) break;
          if (waited > 60_000) throw new Error('the import never waited for the other writer');
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      othersSave.catch(() => {}); // awaited below
      await uncommitted;
      const result = await importCohort(db, { actorId: ACTOR, files: renamed });
      await othersSave;
      assert.deepEqual(result, { ok: false, problems: ['patients.csv:1: patient_code: a patient of this file was created meanwhile by someone else; import again to see which'] });
      const after = await counts();
      assert.deepEqual(after, { ...before, patients: before.patients + 1 });
    } finally {
      await other.end();
    }
  });

  test('saves of two sites at once, beside an import: each has its one entry and the chain verifies', async () => {
    const cohortId = (await makeCohort(db)).id;
    const sitesAt = [(await makeSite(db)).id, (await makeSite(db)).id];
    const ids = await Promise.all(
      sitesAt.map((siteId, i) => createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId, code: `TWO-${i}`, jakiStartDate: '2024-01-10' }) })),
    );
    const before = await countRows(db, auditLog);
    // Each site's clinician saves one visit after another (a follow-up needs its baseline); the two sites at once.
    const saves = ids.map(async (patientId, i) => {
      for (let day = 0; day < 5; day++)
        await createVisit(db, { actorId: ACTOR, siteIds: [sitesAt[i]!], patientId, input: visitInput({ visitDate: `2024-0${day + 1}-0${day + 1}`, visitType: day ? 'follow_up' : 'baseline' }) });
    });
    const files = batchFiles();
    const renamed = { ...files, patients: files.patients.replaceAll('BAT-', 'CON-'), visits: files.visits.replaceAll('BAT-', 'CON-') };
    const [imported] = await Promise.all([importCohort(db, { actorId: ACTOR, files: renamed }), ...saves]);
    assert.equal(imported.ok, true);
    assert.equal((await countRows(db, auditLog)) - before, 10 + 2 * PATIENTS + 1);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });
});
