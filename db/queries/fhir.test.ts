import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { bundleJson } from '@/lib/fhir/bundle';
import { bundleProblems } from '@/test-support/fhir';
import { INTERCHANGE_FILES } from '@/lib/interchange';
import { createTestDatabase, postgresOnly, type TestDatabase } from '@/test-support/db';
import { selectRows, type Db } from '../client';
import { adverseEvents, auditLog, patients, sites, visits } from '../schema';
import { seedDemo } from '../seed';
import { exportCohort } from './export';
import { fhirCohortData, fhirPatientData, type FhirData } from './fhir';
import { voidAdverseEvent, voidPatient, voidVisit } from './void';

// The FHIR export of the demo cohort read from the database: every resource validates
// against the R4 definitions, the counts are the database's, voided records and other
// sites' patients are absent.

let t: TestDatabase;
let db: Db;
let nord: string;
let sud: string;

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  await seedDemo(db);
  const rows = await db.select({ id: sites.id, code: sites.code }).from(sites);
  nord = rows.find((s) => s.code === 'NORD')!.id;
  sud = rows.find((s) => s.code === 'SUD')!.id;
});

after(async () => {
  await t?.cleanup();
});

function bundleOf(data: FhirData | null): Bundle {
  assert.ok(data);
  return JSON.parse(bundleJson(data.cohort, data.patients, { timestamp: new Date().toISOString() })) as Bundle;
}

function count(bundle: Bundle, type: Resource['resourceType']): number {
  return bundle.entry!.filter((e) => e.resource?.resourceType === type).length;
}

/** What the database holds for the demo cohort, counted in SQL, independently of the mapping. */
async function expected(siteIds?: string[]) {
  const scope = siteIds ? sql`and p.site_id in (${sql.join(siteIds.map((s) => sql`${s}`), sql`, `)})` : sql``;
  const [row] = await selectRows<Record<string, string>>(
    db,
    sql`select
      (select count(*) from patient p where p.voided_at is null ${scope}) as patients,
      (select count(*) from adverse_event e join patient p on p.id = e.patient_id where e.voided_at is null and p.voided_at is null ${scope}) as events,
      (select coalesce(sum(
         (v.cdasi_activity is not null)::int + (v.cdasi_damage is not null)::int + (v.mmt8 is not null or v.mmt8_items is not null)::int
         + (v.physician_global is not null)::int + (v.patient_global is not null)::int + (v.extramuscular_global is not null)::int + (v.haq is not null)::int
         + (v.ck_u_l is not null)::int + (v.aldolase_u_l is not null)::int + (v.ldh_u_l is not null)::int + (v.ast_u_l is not null)::int + (v.alt_u_l is not null)::int
       ), 0) from visit v join patient p on p.id = v.patient_id where v.voided_at is null and p.voided_at is null ${scope}) as observations,
      (select coalesce(sum(
         (v.jaki_dose_mg_day is not null)::int + (v.steroid_drug is not null or v.prednisone_mg_day is not null)::int + (v.ivig is not null)::int
       ), 0) from visit v join patient p on p.id = v.patient_id where v.voided_at is null and p.voided_at is null ${scope}) as visit_treatments`,
  );
  const n = (k: string) => Number(row![k]);
  return { patients: n('patients'), events: n('events'), observations: n('observations'), statements: n('patients') + n('visit_treatments') };
}

function assertCounts(bundle: Bundle, want: Awaited<ReturnType<typeof expected>>) {
  assert.equal(count(bundle, 'Patient'), want.patients);
  assert.equal(count(bundle, 'ResearchSubject'), want.patients);
  assert.equal(count(bundle, 'Condition'), want.patients);
  assert.equal(count(bundle, 'ResearchStudy'), 1);
  assert.equal(count(bundle, 'Observation'), want.observations);
  assert.equal(count(bundle, 'MedicationStatement'), want.statements);
  assert.equal(count(bundle, 'AdverseEvent'), want.events);
}

test('the demo cohort’s Bundle validates resource by resource, and holds what the database holds', async () => {
  const bundle = bundleOf(await fhirCohortData(db, { cohortCode: 'DEMO-JAKI' }));
  assert.deepEqual(bundleProblems(bundle), []);
  const want = await expected();
  assert.ok(want.patients === 20 && want.observations > 100 && want.events > 0, JSON.stringify(want));
  assertCounts(bundle, want);
});

test('voided visits, adverse events and patients are never exported', async () => {
  const [visit] = await db
    .select({ id: visits.id, version: visits.version, date: visits.visitDate, siteId: patients.siteId, patientId: visits.patientId })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(visits.visitType, 'follow_up'), isNull(visits.voidedAt), sql`${visits.cdasiActivity} is not null`))
    .orderBy(desc(visits.visitDate))
    .limit(1);
  assert.ok(visit);
  await voidVisit(db, { actorId: 'system:test', siteIds: [visit.siteId], id: visit.id, version: visit.version, reason: 'entered twice' });
  const [event] = await db.select({ id: adverseEvents.id, version: adverseEvents.version, siteId: patients.siteId }).from(adverseEvents).innerJoin(patients, eq(patients.id, adverseEvents.patientId)).limit(1);
  assert.ok(event);
  await voidAdverseEvent(db, { actorId: 'system:test', siteIds: [event.siteId], id: event.id, version: event.version, reason: 'not an adverse event' });
  const [patient] = await db.select({ id: patients.id, code: patients.code, version: patients.version, siteId: patients.siteId }).from(patients).where(eq(patients.siteId, sud)).orderBy(patients.code).limit(1);
  assert.ok(patient);
  await voidPatient(db, { actorId: 'system:test', siteIds: [patient.siteId], id: patient.id, version: patient.version, reason: 'consent withdrawn' });

  const bundle = bundleOf(await fhirCohortData(db, { cohortCode: 'DEMO-JAKI' }));
  assert.deepEqual(bundleProblems(bundle), []);
  assertCounts(bundle, await expected());
  const resources = bundle.entry!.map((e) => e.resource!);
  assert.ok(!resources.some((r) => r.resourceType === 'AdverseEvent' && r.id === event.id), 'the voided adverse event is exported');
  assert.ok(
    !resources.some((r) => r.resourceType === 'Observation' && r.subject?.reference === `urn:uuid:${visit.patientId}` && r.effectiveDateTime === visit.date),
    'the voided visit’s observations are exported',
  );
  assert.ok(!JSON.stringify(bundle).includes(patient.code), 'the voided patient is exported');
  assert.equal(await fhirPatientData(db, { patientId: patient.id }), null);
});

test('a site’s export holds its own patients only', async () => {
  const bundle = bundleOf(await fhirCohortData(db, { cohortCode: 'DEMO-JAKI', siteIds: [nord] }));
  assert.deepEqual(bundleProblems(bundle), []);
  assertCounts(bundle, await expected([nord]));
  const json = JSON.stringify(bundle);
  const sudPatients = await db.select({ id: patients.id, code: patients.code }).from(patients).where(eq(patients.siteId, sud));
  assert.ok(sudPatients.length > 0);
  for (const p of sudPatients) {
    assert.ok(!json.includes(p.code), `${p.code} of SUD is in NORD's export`);
    assert.ok(!json.includes(p.id), `${p.id} of SUD is in NORD's export`);
  }
  const none = bundleOf(await fhirCohortData(db, { cohortCode: 'DEMO-JAKI', siteIds: [] }));
  assert.equal(none.entry!.length, 1, 'no sites: the study alone');
});

test('one patient’s Bundle, within the site scope; unknown cohorts and ids answer null', async () => {
  const [own] = await db.select({ id: patients.id, code: patients.code }).from(patients).where(eq(patients.siteId, nord)).limit(1);
  assert.ok(own);
  const data = await fhirPatientData(db, { patientId: own.id, siteIds: [nord] });
  assert.equal(data?.patients.length, 1);
  assert.equal(data?.cohort.code, 'DEMO-JAKI');
  const bundle = bundleOf(data);
  assert.deepEqual(bundleProblems(bundle), []);
  assert.equal(count(bundle, 'Patient'), 1);
  assert.equal(await fhirPatientData(db, { patientId: own.id, siteIds: [sud] }), null);
  assert.equal(await fhirPatientData(db, { patientId: 'not-a-uuid', siteIds: [nord] }), null);
  assert.equal(await fhirPatientData(db, { patientId: crypto.randomUUID() }), null);
  assert.equal(await fhirCohortData(db, { cohortCode: 'NO-SUCH' }), null);
  assert.equal(await fhirCohortData(db, { cohortCode: 'A\u0000B' }), null);
  // reading writes nothing: the audit entry is the route's (server/fhir-export.ts)
  const [row] = await selectRows<{ n: string }>(db, sql`select count(*) as n from ${auditLog} where action = 'export'`);
  assert.equal(Number(row?.n), 0);
});

function runExport(...args: string[]) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/export.ts', ...args], { env: { ...process.env, DATABASE_URL: t.url }, encoding: 'utf8' });
}

test('npm run export --format fhir writes the Bundle to a file and records the export; the CSV files are as before', postgresOnly('the command opens the database by its address'), async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-fhir-export-'));
  try {
    const file = path.join(folder, 'out', 'demo.json');
    const r = runExport('--cohort', 'DEMO-JAKI', '--format', 'fhir', '--out', file);
    assert.equal(r.status, 0, r.stderr);
    const want = await expected();
    assert.match(r.stdout, new RegExp(`FHIR Bundle of ${want.patients} patients`));
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Bundle;
    assertCounts(bundle, want);
    const [entry] = await selectRows<{ actor_id: string; after: { format: string; patients: number } }>(
      db,
      sql`select actor_id, after from ${auditLog} where action = 'export' and entity = 'cohort' order by seq desc limit 1`,
    );
    assert.deepEqual([entry?.actor_id, entry?.after.format, entry?.after.patients], ['system:cli', 'fhir', want.patients]);

    const csv = runExport('--cohort', 'DEMO-JAKI', '--out', folder);
    assert.equal(csv.status, 0, csv.stderr);
    const files = await exportCohort(db, { cohortCode: 'DEMO-JAKI' });
    for (const { key, file: name } of INTERCHANGE_FILES) assert.equal(fs.readFileSync(path.join(folder, name), 'utf8'), files[key], name);

    const wrong = runExport('--cohort', 'DEMO-JAKI', '--format', 'xml', '--out', file);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--format fhir/);
    const unknown = runExport('--cohort', 'NO-SUCH', '--format', 'fhir', '--out', file);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No cohort has the code NO-SUCH/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
