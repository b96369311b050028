import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { EVENT_HEADER, PATIENT_HEADER, RELAPSE_HEADER, VISIT_HEADER, csv, eventCells, patientCells, relapseCells, visitCells } from '@/test-support/interchange';
import type { InterchangeFiles } from '@/lib/interchange';
import { verifyAuditChain } from '../audit-verify';
import type { Db } from '../client';
import { adverseEvents, auditLog, cohorts, patients, relapses, sites, visits } from '../schema';
import { countRows, createTestDatabase, type TestDatabase } from '@/test-support/db';
import { exportCohort } from './export';
import { importCohort } from './import';

let t: TestDatabase;
let db: Db;
const ACTOR = 'user-coordinator-1';

before(async () => {
  t = await createTestDatabase();
  db = t.db;
});

after(async () => {
  await t?.cleanup();
});

/** A made-up cohort of six patients at two sites, with what makes CSV hard: commas, quotes, line breaks, formulas. */
function cohortFiles(): InterchangeFiles {
  const code = (i: number) => `PSL-00${i}`;
  const patientRows = [1, 2, 3, 4, 5, 6].map((i) =>
    patientCells({
      patient_code: code(i),
      site: i <= 4 ? 'NORD' : 'SUD',
      sex: i % 2 ? 'F' : 'M',
      birth_year: String(1950 + i * 3),
      antibodies: ['TIF1G', 'mda5;Jo1', '', 'none', 'nxp2', 'sae'][i - 1]!,
      jaki_drug: i <= 3 ? 'baricitinib' : 'ruxolitinib',
      jaki_dose_mg_day: i <= 3 ? '4' : '7.5',
      jaki_start_date: `2023-0${i}-10`,
      ild: ['yes', 'no', ''][i % 3]!,
      ...(i === 5 ? { jaki_stop_date: '2024-09-01', jaki_stop_reason: 'death', death_date: '2024-09-01', death_cause: 'Progressive ILD, "rapidly"\nprogressive' } : {}),
    }),
  );
  const visitRows = [1, 2, 3, 4, 5, 6].flatMap((i) => [
    visitCells({ patient_code: code(i), visit_date: `2023-0${i}-05`, cdasi_activity: String(20 + i), ...(i === 2 ? { steroid_drug: 'methylprednisolone', steroid_mg_day: '8', prednisone_mg_day: '' } : {}) }),
    visitCells({ patient_code: code(i), visit_date: `2023-${String(i + 3).padStart(2, '0')}-12`, visit_type: 'follow_up', cdasi_activity: String(10 + i), haq: '0.625', ck_u_l: '' }),
    ...(i % 2 ? [visitCells({ patient_code: code(i), visit_date: `2024-0${i}-20`, visit_type: 'follow_up', prednisone_mg_day: '2.5', ivig: 'stopped', ck_uln: '190', aldolase_u_l: '9.5', aldolase_uln: '7.6' })] : []),
  ]);
  const eventRows = [
    eventCells({ patient_code: code(1), term: '=HYPERLINK("http://x")', category: 'other', onset_date: '2023-05-01', end_date: '2023-05-03' }),
    eventCells({ patient_code: code(2), term: 'Deep vein thrombosis, left leg', category: 'thromboembolic', ctcae_grade: '3', serious: 'yes', outcome: 'recovering', end_date: '' }),
    eventCells({ patient_code: code(5), term: 'Febrile neutropenia\nafter cycle 2', category: 'febrile_neutropenia', onset_date: '2024-02-01', end_date: '2024-02-10' }),
    eventCells({ patient_code: code(5), term: 'Respiratory failure', category: 'death', ctcae_grade: '5', serious: 'yes', outcome: 'fatal', onset_date: '2024-08-20', end_date: '2024-09-01' }),
  ];
  const relapseRows = [relapseCells({ patient_code: code(1), relapse_date: '2024-03-01' }), relapseCells({ patient_code: code(3), relapse_date: '2024-02-01', domain: 'skin', action: '' })];
  return {
    patients: csv(PATIENT_HEADER, patientRows),
    visits: csv(VISIT_HEADER, visitRows, '\r\n'),
    adverseEvents: csv(EVENT_HEADER, eventRows),
    relapses: csv(RELAPSE_HEADER, relapseRows),
  };
}

async function counts() {
  return {
    patients: await countRows(db, patients),
    visits: await countRows(db, visits),
    adverseEvents: await countRows(db, adverseEvents),
    relapses: await countRows(db, relapses),
    sites: await countRows(db, sites),
    cohorts: await countRows(db, cohorts),
    audit: await countRows(db, auditLog),
  };
}

async function lastAuditId(): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  return row!.id;
}

describe('importCohort', () => {
  test('imports a cohort in one go, creating its sites and cohort, with one audit entry per record', async () => {
    const before = await lastAuditId();
    const result = await importCohort(db, { actorId: ACTOR, files: cohortFiles() });
    assert.deepEqual(result, { ok: true, counts: { patients: 6, visits: 15, adverseEvents: 4, relapses: 2 }, createdSites: ['NORD', 'SUD'], createdCohorts: ['PILOT'] });
    assert.deepEqual(await counts(), { patients: 6, visits: 15, adverseEvents: 4, relapses: 2, sites: 2, cohorts: 1, audit: 6 + 15 + 4 + 2 + 2 + 1 + 1 });

    const entries = await db.select().from(auditLog).where(gt(auditLog.id, before)).orderBy(asc(auditLog.id));
    assert.ok(entries.every((e) => e.actorId === ACTOR));
    const tally = (action: string, entity: string) => entries.filter((e) => e.action === action && e.entity === entity).length;
    assert.deepEqual(
      [tally('create', 'patient'), tally('create', 'visit'), tally('create', 'adverse_event'), tally('create', 'relapse'), tally('create', 'site'), tally('create', 'cohort')],
      [6, 15, 4, 2, 2, 1],
    );
    const summary = entries.filter((e) => e.action === 'import');
    assert.equal(summary.length, 1);
    assert.deepEqual((summary[0]!.after as { counts: unknown }).counts, { patients: 6, visits: 15, adverseEvents: 4, relapses: 2 });
    const [pilot] = await db.select().from(cohorts).where(eq(cohorts.code, 'PILOT'));
    assert.equal(summary[0]!.entityId, pilot!.id);
    const created = entries.find((e) => e.entity === 'patient')!;
    const [row] = await db.select().from(patients).where(eq(patients.id, created.entityId));
    assert.equal((created.after as { code: string }).code, row!.code);
    // The entries are the records exactly as the app's own writes log them (drizzle's row as
    // JSON: property names, numbers, ISO times), in the order written, and join the hash chain.
    const tables = { patient: patients, visit: visits, adverse_event: adverseEvents, relapse: relapses } as const;
    for (const [entity, table] of Object.entries(tables)) {
      const logged = entries.filter((e) => e.action === 'create' && e.entity === entity);
      const rows = await db.select().from(table).where(inArray(table.id, logged.map((e) => e.entityId)));
      assert.equal(rows.length, logged.length);
      // Each record its own random (version 4) id, made by the import.
      assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
      for (const row of rows) assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      for (const row of rows) assert.deepEqual(logged.find((e) => e.entityId === row.id)!.after, JSON.parse(JSON.stringify(row)), `${entity} ${row.id}`);
    }
    assert.deepEqual([...new Set(entries.map((e) => `${e.action} ${e.entity}`))], [
      'create site', 'create cohort', 'create patient', 'create visit', 'create adverse_event', 'create relapse', 'import cohort',
    ]);
    const visitEntry = entries.find((e) => e.entity === 'visit')!.after as Record<string, unknown>;
    assert.equal(typeof visitEntry.cdasiActivity, 'number');
    assert.equal(visitEntry.createdBy, ACTOR);
    assert.deepEqual(await verifyAuditChain(db).then((r) => r.ok), true);
  });

  test('stores what the files say: unescaped formula text, line breaks, lists, ongoing events, serious without criteria', async () => {
    const [p5] = await db.select().from(patients).where(eq(patients.code, 'PSL-005'));
    assert.equal(p5!.deathCause, 'Progressive ILD, "rapidly"\nprogressive');
    assert.deepEqual(p5!.antibodies, ['nxp2']);
    assert.equal(p5!.jakiDoseMgDay, 7.5);
    assert.equal(p5!.createdBy, ACTOR);
    assert.equal(p5!.updatedBy, ACTOR);
    const [p2] = await db.select().from(patients).where(eq(patients.code, 'PSL-002'));
    assert.deepEqual(p2!.antibodies, ['mda5', 'jo1']);
    const events = await db.select().from(adverseEvents).orderBy(asc(adverseEvents.onsetDate));
    const formula = events.find((e) => e.category === 'other')!;
    assert.equal(formula.term, '=HYPERLINK("http://x")');
    const dvt = events.find((e) => e.category === 'thromboembolic')!;
    assert.deepEqual([dvt.serious, dvt.ongoing, dvt.endDate, dvt.seriousHospitalisation, dvt.seriousDeath], [true, true, null, false, false]);
    assert.equal(formula.ongoing, false);
    // Another glucocorticoid is kept with its prednisone equivalent, filled in; enzymes with their limits.
    const [p2baseline] = await db.select().from(visits).where(and(eq(visits.patientId, p2!.id), eq(visits.visitType, 'baseline')));
    assert.deepEqual([p2baseline!.steroidDrug, p2baseline!.steroidMgDay, p2baseline!.prednisoneMgDay], ['methylprednisolone', 8, 10]);
    const [withAldolase] = await db.select().from(visits).where(eq(visits.visitDate, '2024-01-20'));
    assert.deepEqual([withAldolase!.ckUln, withAldolase!.aldolaseUL, withAldolase!.aldolaseUln], [190, 9.5, 7.6]);
    const relapseRows = await db.select().from(relapses).orderBy(asc(relapses.relapseDate));
    assert.deepEqual(relapseRows.map((r) => [r.domain, r.action]), [['skin', null], ['muscle', 'steroid_increase']]);
  });

  test('a re-import of the same files is refused as "already exists" and writes nothing', async () => {
    const before = await counts();
    const result = await importCohort(db, { actorId: ACTOR, files: cohortFiles() });
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    // Every patient of the file is in the database: one line above the others says so.
    assert.equal(problems[0], 'patients.csv:1: patient_code: all 6 patients of the file already exist: were these files imported already?');
    assert.equal(problems[1], 'patients.csv:2: patient_code: PSL-001 already exists');
    assert.equal(problems.filter((p) => p.startsWith('patients.csv:')).length, 7);
    assert.ok(problems.includes('visits.csv:2: visit_date: There is already a visit on 2023-01-05 (in the database)'), problems.join('\n'));
    assert.ok(problems.includes('adverse_events.csv:2: term: this adverse event (PSL-001, other, onset 2023-05-01) already exists'));
    assert.ok(problems.includes('relapses.csv:2: domain: There is already a muscle relapse on 2024-03-01 (in the database)'), problems.join('\n'));
    const again = /already exists$|imported already\?$|already a visit on .* \(in the database\)$|already a \w+ relapse on .* \(in the database\)$/;
    assert.ok(problems.every((p) => again.test(p)), problems.join('\n'));
    assert.deepEqual(await counts(), before);
  });

  test('a refused import writes nothing, not even its new site and cohort', async () => {
    const before = await counts();
    const files = {
      patients: csv(PATIENT_HEADER, [patientCells({ patient_code: 'NEW-001', site: 'EST', cohort: 'OTHER' }), patientCells({ patient_code: 'NEW-002', site: 'EST', cohort: 'OTHER' })]),
      visits: csv(VISIT_HEADER, [visitCells({ patient_code: 'NEW-001' }), visitCells({ patient_code: 'NEW-002', cdasi_activity: '140' })]),
      adverseEvents: '',
      relapses: '',
    };
    assert.deepEqual(await importCohort(db, { actorId: ACTOR, files }), { ok: false, problems: ['visits.csv:3: cdasi_activity: 140 is above the maximum of 100'] });
    assert.deepEqual(await counts(), before);
  });

  test("a caller limited to some sites cannot import another site's patients, nor create a site", async () => {
    const [nord] = await db.select().from(sites).where(eq(sites.code, 'NORD'));
    const before = await counts();
    const files = {
      patients: csv(PATIENT_HEADER, [patientCells({ patient_code: 'NEW-101' }), patientCells({ patient_code: 'NEW-102', site: 'SUD' }), patientCells({ patient_code: 'NEW-103', site: 'EST' })]),
      visits: csv(VISIT_HEADER, [visitCells({ patient_code: 'PSL-006', visit_date: '2024-10-01', visit_type: 'follow_up' })]),
      adverseEvents: '',
      relapses: '',
    };
    const result = await importCohort(db, { actorId: ACTOR, files, siteIds: [nord!.id] });
    assert.deepEqual(result, {
      ok: false,
      problems: [
        'patients.csv:3: site: you cannot import patients of site SUD (only an admin can import a site you are not given)',
        'patients.csv:4: site: you cannot import patients of site EST (only an admin can import a site you are not given)',
        "visits.csv:2: patient_code: PSL-006 is neither in patients.csv nor among your sites' patients",
      ],
    });
    assert.deepEqual(await counts(), before);
  });

  test("visits and events for patients already in the database are added after their visits", async () => {
    const [nord] = await db.select().from(sites).where(eq(sites.code, 'NORD'));
    const bad = {
      patients: '',
      visits: csv(VISIT_HEADER, [visitCells({ patient_code: 'PSL-001', visit_date: '2022-11-02' })]),
      adverseEvents: '',
      relapses: '',
    };
    assert.deepEqual(await importCohort(db, { actorId: ACTOR, files: bad, siteIds: [nord!.id] }), {
      ok: false,
      problems: ['visits.csv:2: visit_type: This patient already has a baseline visit (2023-01-05, in the database)'],
    });
    const good = {
      patients: '',
      visits: csv(VISIT_HEADER, [visitCells({ patient_code: 'PSL-001', visit_date: '2024-11-02', visit_type: 'follow_up' })]),
      adverseEvents: csv(EVENT_HEADER, [eventCells({ patient_code: 'PSL-001', onset_date: '2024-11-01', end_date: '', outcome: 'recovering' })]),
      relapses: '',
    };
    const result = await importCohort(db, { actorId: ACTOR, files: good, siteIds: [nord!.id] });
    assert.deepEqual(result, { ok: true, counts: { patients: 0, visits: 1, adverseEvents: 1, relapses: 0 }, createdSites: [], createdCohorts: [] });
    const [p1] = await db.select().from(patients).where(eq(patients.code, 'PSL-001'));
    assert.equal(await countRows(db, visits), 16);
    const mine = await db.select().from(visits).where(and(eq(visits.patientId, p1!.id), eq(visits.visitDate, '2024-11-02')));
    assert.equal(mine.length, 1);
  });
});

describe('the contract rules, each refused at its file, line and column, writing nothing', () => {
  const patient = (fields: Record<string, string> = {}) => patientCells({ patient_code: 'RUL-001', cohort: 'RULES', ...fields });
  const baseline = (fields: Record<string, string> = {}) => visitCells({ patient_code: 'RUL-001', ...fields });
  const followUp = (date: string, fields: Record<string, string> = {}) => visitCells({ patient_code: 'RUL-001', visit_date: date, visit_type: 'follow_up', ...fields });
  const files = (parts: { patients?: Record<string, string>[]; visits?: Record<string, string>[]; events?: Record<string, string>[]; relapses?: Record<string, string>[] }) => ({
    patients: csv(PATIENT_HEADER, parts.patients ?? [patient()]),
    visits: csv(VISIT_HEADER, parts.visits ?? [baseline()]),
    adverseEvents: csv(EVENT_HEADER, parts.events ?? []),
    relapses: csv(RELAPSE_HEADER, parts.relapses ?? []),
  });
  const dead = patient({ jaki_stop_date: '2024-06-01', jaki_stop_reason: 'death', death_date: '2024-06-01' });

  const cases: [string, InterchangeFiles, string[]][] = [
    [
      'a misspelt header',
      { ...files({}), visits: csv(VISIT_HEADER.map((h) => (h === 'cdasi_activity' ? 'cdasi_activty' : h)), [baseline()]) },
      ['visits.csv:1: cdasi_activty: "cdasi_activty" (column 4) is not a column of visits.csv: did you mean cdasi_activity? (nothing is imported while a column is unknown)'],
    ],
    [
      "a patient's dates out of order",
      files({ patients: [patient({ diagnosis_date: '2024-02-01', follow_up_end_date: '2023-12-01' })], visits: [] }),
      [
        'patients.csv:2: jaki_start_date: JAK inhibitor start date cannot be before the diagnosis (2024-02-01)',
        'patients.csv:2: follow_up_end_date: Follow-up end cannot be before the JAK inhibitor start (2024-01-10)',
      ],
    ],
    [
      'a baseline 200 days after the JAKi start',
      files({ visits: [baseline({ visit_date: '2024-07-28' })] }),
      ['visits.csv:2: visit_date: The baseline must lie from 90 days before to 14 days after the JAK inhibitor start (2023-10-12 to 2024-01-24); this date is 200 days after it'],
    ],
    [
      'a visit after the death, with a JAKi dose after the stop',
      files({ patients: [dead], visits: [baseline(), followUp('2025-12-01', { jaki_dose_mg_day: '4' })] }),
      [
        'visits.csv:3: visit_date: No visit can be dated after 2024-06-01: the patient died on 2024-06-01',
        'visits.csv:3: jaki_dose_mg_day: The JAK inhibitor was stopped on 2024-06-01: leave the dose empty (or 0) for a later visit',
      ],
    ],
    [
      'a visit after the follow-up end',
      files({ patients: [patient({ follow_up_end_date: '2024-05-01' })], visits: [baseline(), followUp('2024-05-02')] }),
      ["visits.csv:3: visit_date: No visit can be dated after 2024-05-01: the patient's follow-up ended on 2024-05-01"],
    ],
    [
      'a glucocorticoid whose prednisone equivalent disagrees, and one without its dose',
      files({ visits: [baseline({ steroid_drug: 'hydrocortisone', steroid_mg_day: '20', prednisone_mg_day: '20' }), followUp('2024-04-10', { steroid_drug: 'dexamethasone', prednisone_mg_day: '' })] }),
      [
        'visits.csv:2: prednisone_mg_day: The prednisone equivalent of 20 mg/day hydrocortisone is 5, not 20',
        'visits.csv:3: steroid_mg_day: Give the daily dose of dexamethasone',
      ],
    ],
    [
      'an IVIG dose without ongoing IVIG, an interval of 13 weeks, an enzyme limit of 0',
      files({ visits: [baseline({ ivig: 'stopped', ivig_dose_g_kg: '2' }), followUp('2024-04-10', { ivig: 'ongoing', ivig_interval_weeks: '13', ldh_uln: '0' })] }),
      [
        'visits.csv:2: ivig_dose_g_kg: IVIG dose is only recorded while IVIG is ongoing',
        'visits.csv:3: ivig_interval_weeks: 13 is above the maximum of 12',
        'visits.csv:3: ldh_uln: 0 is not allowed: the value must be more than 0',
      ],
    ],
    [
      'an adverse event after the follow-up end',
      files({ patients: [patient({ follow_up_end_date: '2024-05-01' })], events: [eventCells({ patient_code: 'RUL-001', onset_date: '2024-05-10', end_date: '2024-05-20' })] }),
      ["adverse_events.csv:2: onset_date: Onset cannot be after 2024-05-01: the patient's follow-up ended on 2024-05-01"],
    ],
    [
      'a relapse after the death, twice the same relapse, an unknown domain',
      files({
        patients: [dead],
        relapses: [
          relapseCells({ patient_code: 'RUL-001', relapse_date: '2024-07-01' }),
          relapseCells({ patient_code: 'RUL-001', relapse_date: '2024-03-01' }),
          relapseCells({ patient_code: 'RUL-001', relapse_date: '2024-03-01', action: 'none' }),
          relapseCells({ patient_code: 'RUL-001', relapse_date: '2024-03-02', domain: 'kidney' }),
        ],
      }),
      [
        'relapses.csv:2: relapse_date: No relapse can be dated after 2024-06-01: the patient died on 2024-06-01',
        'relapses.csv:4: domain: There is already a muscle relapse on 2024-03-01 (line 3)',
        'relapses.csv:5: domain: "kidney" is not one of skin, muscle, lung, other',
      ],
    ],
  ];
  for (const [what, given, expected] of cases) {
    test(`${what}`, async () => {
      const before = await counts();
      assert.deepEqual(await importCohort(db, { actorId: ACTOR, files: given }), { ok: false, problems: expected });
      assert.deepEqual(await counts(), before);
    });
  }

  test('the same patient, every rule kept, imports', async () => {
    const result = await importCohort(db, {
      actorId: ACTOR,
      files: files({
        patients: [dead],
        visits: [baseline({ steroid_drug: 'hydrocortisone', steroid_mg_day: '20', prednisone_mg_day: '' }), followUp('2024-06-01', { jaki_dose_mg_day: '4', ivig: 'ongoing', ivig_dose_g_kg: '' })],
        relapses: [relapseCells({ patient_code: 'RUL-001', relapse_date: '2024-06-01' })],
      }),
    });
    assert.deepEqual(result, { ok: true, counts: { patients: 1, visits: 2, adverseEvents: 0, relapses: 1 }, createdSites: [], createdCohorts: ['RULES'] });
  });
});

describe('exportCohort', () => {
  let exported: InterchangeFiles;

  test('writes the cohort without its voided records, and leaves an export entry in the audit log', async () => {
    const [p6] = await db.select().from(patients).where(eq(patients.code, 'PSL-006'));
    await db.update(patients).set({ voidedAt: new Date(), voidedBy: ACTOR, voidReason: 'entered twice' }).where(eq(patients.id, p6!.id));
    const [p1] = await db.select().from(patients).where(eq(patients.code, 'PSL-001'));
    await db.update(visits).set({ voidedAt: new Date(), voidedBy: ACTOR, voidReason: 'wrong patient' }).where(and(eq(visits.patientId, p1!.id), eq(visits.visitDate, '2024-11-02')));

    const before = await lastAuditId();
    const files = await exportCohort(db, { cohortCode: 'PILOT', actorId: ACTOR });
    assert.deepEqual(files.counts, { patients: 5, visits: 13, adverseEvents: 5, relapses: 2 });
    assert.ok(!files.patients.includes('PSL-006'));
    assert.ok(!files.visits.includes('2024-11-02'));
    assert.ok(files.adverseEvents.includes(`"'=HYPERLINK(""http://x"")"`));
    const [entry] = await db.select().from(auditLog).where(gt(auditLog.id, before));
    assert.deepEqual([entry!.action, entry!.entity, entry!.actorId], ['export', 'cohort', ACTOR]);
    exported = { patients: files.patients, visits: files.visits, adverseEvents: files.adverseEvents, relapses: files.relapses };

    const [nord] = await db.select().from(sites).where(eq(sites.code, 'NORD'));
    const nordOnly = await exportCohort(db, { cohortCode: 'PILOT', siteIds: [nord!.id] });
    assert.deepEqual(nordOnly.counts, { patients: 4, visits: 10, adverseEvents: 3, relapses: 2 });
    await assert.rejects(exportCohort(db, { cohortCode: 'NOPE' }), /Cohort not found/);
  });

  test('export, import into an empty database, export again: the same bytes, in all four files', async () => {
    await t.cleanup();
    t = await createTestDatabase();
    db = t.db;
    const result = await importCohort(db, { actorId: ACTOR, files: exported });
    assert.deepEqual(result, { ok: true, counts: { patients: 5, visits: 13, adverseEvents: 5, relapses: 2 }, createdSites: ['NORD', 'SUD'], createdCohorts: ['PILOT'] });
    const again = await exportCohort(db, { cohortCode: 'PILOT' });
    assert.equal(again.patients, exported.patients);
    assert.equal(again.visits, exported.visits);
    assert.equal(again.adverseEvents, exported.adverseEvents);
    assert.equal(again.relapses, exported.relapses);
    assert.match(exported.visits, /,methylprednisolone,8,10,/);
  });
});
