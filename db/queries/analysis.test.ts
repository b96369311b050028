import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { analysisFiles, ANALYSIS_FILES, type AnalysisFiles } from '@/lib/analysis/files';
import { VISIT_FIELDS } from '@/lib/visits/fields';
import { databaseWithPilot, postgresOnly } from '@/test-support/db';
import { exportAnalysis } from '@/server/analysis-export';
import { selectRows, type Db } from '../client';
import { auditLog, patients, sites, visits } from '../schema';
import { analysisData } from './analysis';
import { importCohort } from './import';
import { voidPatient, voidVisit } from './void';

// The analysis files of the pilot fixture (cohort E2E-PILOT, four NORD patients; see
// db/queries/report.test.ts for its hand-worked report) and of one more patient at SUD, read
// through the data layer and checked against the database read here in SQL: every visit once
// in long, every patient once in wide, the values the database holds.

let db: Db;
databaseWithPilot((world) => ({ db } = world));

const TODAY = '2026-12-02';
type Row = Record<string, string>;
const read = (text: string): Row[] => parse(text, { columns: true }) as Row[];

async function filesOf(siteIds?: string[]): Promise<AnalysisFiles> {
  const data = await analysisData(db, { cohortCode: 'E2E-PILOT', siteIds });
  assert.ok(data);
  return analysisFiles({ ...data, today: TODAY });
}

async function siteId(code: string): Promise<string> {
  const [row] = await db.select({ id: sites.id }).from(sites).where(eq(sites.code, code));
  assert.ok(row, code);
  return row.id;
}

/** A database value as the files write it: empty when null, 1/0 for booleans, numbers as numbers. */
function asCell(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

const sameCell = (cell: string, value: unknown) => (typeof value === 'number' ? cell !== '' && Number(cell) === value : cell === asCell(value));

/** Every visit of the cohort that is not voided, of a patient not voided, read in SQL. */
async function databaseVisits() {
  const columns = sql.join(VISIT_FIELDS.map((f) => sql.raw(`v.${f.column}${f.kind === 'number' ? '::float8' : ''} as ${f.csv}`)), sql`, `);
  return selectRows<Record<string, unknown>>(
    db,
    sql`select p.code as patient_code, s.code as site, v.visit_date::text as visit_date, v.visit_type, ${columns}
        from visit v join patient p on p.id = v.patient_id join site s on s.id = p.site_id join cohort c on c.id = p.cohort_id
        where c.code = 'E2E-PILOT' and v.voided_at is null and p.voided_at is null`,
  );
}

async function databasePatients() {
  return selectRows<{ code: string; sex: string; birth_year: number; antibodies: string[]; jaki_drug: string; jaki_start_date: string }>(
    db,
    sql`select p.code, p.sex, p.birth_year, p.antibodies, p.jaki_drug, p.jaki_start_date::text
        from patient p join cohort c on c.id = p.cohort_id where c.code = 'E2E-PILOT' and p.voided_at is null`,
  );
}

/** long and wide against the database: every visit once, every patient once, the same values; wide's time points are long's visits. */
async function assertAgree(files: AnalysisFiles) {
  const long = read(files['long.csv']);
  const wide = read(files['wide.csv']);
  const dbVisits = await databaseVisits();
  const key = (code: unknown, date: unknown) => `${code} ${date}`;
  assert.deepEqual(long.map((r) => key(r.patient_code, r.visit_date)).sort(), dbVisits.map((v) => key(v.patient_code, v.visit_date)).sort(), 'every visit once in long');
  const longByKey = new Map(long.map((r) => [key(r.patient_code, r.visit_date), r]));
  for (const v of dbVisits) {
    const row = longByKey.get(key(v.patient_code, v.visit_date))!;
    for (const column of ['site', 'visit_type', ...VISIT_FIELDS.map((f) => f.csv)])
      assert.ok(sameCell(row[column]!, v[column]), `${key(v.patient_code, v.visit_date)} ${column}: ${row[column]} ≠ ${asCell(v[column])}`);
  }

  const dbPatients = await databasePatients();
  assert.deepEqual(wide.map((r) => r.patient_code).sort(), dbPatients.map((p) => p.code).sort(), 'every patient once in wide');
  for (const p of dbPatients) {
    const row = wide.find((r) => r.patient_code === p.code)!;
    assert.deepEqual([row.sex, row.birth_year, row.jaki_drug, row.jaki_start_date], [p.sex, String(p.birth_year), p.jaki_drug, p.jaki_start_date], p.code);
    // An empty list is "not recorded": every column of it empty.
    for (const code of ['tif1g', 'mda5', 'nxp2', 'none'])
      assert.equal(row[`antibody_${code}`], p.antibodies.length === 0 ? '' : p.antibodies.includes(code) ? '1' : '0', `${p.code} ${code}`);
    for (const tp of ['baseline', 'm3', 'm6', 'final']) {
      const date = row[`visit_date_${tp}`]!;
      if (date === '') continue;
      const visit = longByKey.get(key(p.code, date));
      assert.ok(visit, `${p.code} ${tp}: ${date} is a visit of long`);
      assert.equal(visit[`report_${tp}`], '1', `${p.code} ${tp}: long marks it`);
      assert.equal(row[`day_${tp}`], visit.day, `${p.code} ${tp} day`);
      for (const f of VISIT_FIELDS) assert.equal(row[`${f.csv}_${tp}`], visit[f.csv], `${p.code} ${f.csv}_${tp}`);
    }
  }
  return { long, wide };
}

test('import one more patient, at SUD', async () => {
  const imported = await importCohort(db, {
    actorId: 'system:test',
    files: {
      patients: 'patient_code,site,cohort,sex,birth_year,jaki_drug,jaki_dose_mg_day,jaki_start_date\nE2E-S1,SUD,E2E-PILOT,M,1959,tofacitinib,11,2024-02-01\n',
      visits:
        'patient_code,visit_date,visit_type,cdasi_activity,steroid_drug,steroid_mg_day,ivig,ivig_dose_g_kg,ivig_interval_weeks,ck_u_l,ck_uln\n' +
        'E2E-S1,2024-02-01,baseline,40,methylprednisolone,16,ongoing,2,4,850,170\n' +
        'E2E-S1,2024-05-01,follow_up,22,,,stopped,,,160,170\n',
      adverseEvents: '',
      relapses: '',
    },
  });
  assert.ok(imported.ok, JSON.stringify(imported));
});

test('long, wide and the dictionary agree with the database', async () => {
  const files = await filesOf();
  const { long, wide } = await assertAgree(files);
  assert.equal(long.length, 13);
  assert.equal(wide.length, 5);
  // The report's time points of the pilot, worked out by hand in db/queries/report.test.ts.
  const activity = (tp: string) => wide.filter((r) => r.patient_code!.startsWith('E2E-P')).map((r) => r[`cdasi_activity_${tp}`]);
  assert.deepEqual(activity('baseline'), ['30', '20', '25', '15']);
  assert.deepEqual(activity('m3'), ['10', '12', '20', '5']);
  assert.deepEqual(activity('m6'), ['6', '8', '9', '']);
  assert.deepEqual(activity('final'), ['6', '8', '9', '5']);
  const s1 = wide.find((r) => r.patient_code === 'E2E-S1')!;
  assert.deepEqual(
    [s1.site, s1.steroid_drug_baseline, s1.steroid_mg_day_baseline, s1.prednisone_mg_day_baseline, s1.ivig_interval_weeks_baseline, s1.ck_u_l_m3, s1.day_m3, s1.day_final],
    ['SUD', 'methylprednisolone', '16', '20', '4', '160', '90', '90'],
  );

  const dictionary = read(files['dictionary.csv']);
  for (const [file, rows] of [['long.csv', long], ['wide.csv', wide]] as const)
    assert.deepEqual(dictionary.filter((d) => d.file === file).map((d) => d.column), Object.keys(rows[0]!), file);
});

test('a site’s files hold its own patients only', async () => {
  const sud = await filesOf([await siteId('SUD')]);
  assert.deepEqual(read(sud['wide.csv']).map((r) => r.patient_code), ['E2E-S1']);
  assert.deepEqual([...new Set(read(sud['long.csv']).map((r) => r.patient_code))], ['E2E-S1']);
  const nord = await filesOf([await siteId('NORD')]);
  assert.deepEqual(read(nord['wide.csv']).map((r) => r.patient_code), ['E2E-P1', 'E2E-P2', 'E2E-P3', 'E2E-P4']);
  assert.ok(!nord['long.csv'].includes('E2E-S1'));
  assert.equal(await analysisData(db, { cohortCode: 'NO-SUCH' }), null);
  assert.equal(await analysisData(db, { cohortCode: 'A\u0000B' }), null);
});

test('voided visits and patients are left out; the time points are chosen again without them', async () => {
  const [visit] = await db
    .select({ id: visits.id, version: visits.version, siteId: patients.siteId })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .where(and(eq(patients.code, 'E2E-P2'), eq(visits.visitDate, '2024-07-13')));
  assert.ok(visit);
  await voidVisit(db, { actorId: 'system:test', siteIds: [visit.siteId], id: visit.id, version: visit.version, reason: 'entered on the wrong patient' });
  const [patient] = await db.select({ id: patients.id, version: patients.version, siteId: patients.siteId }).from(patients).where(eq(patients.code, 'E2E-S1'));
  assert.ok(patient);
  await voidPatient(db, { actorId: 'system:test', siteIds: [patient.siteId], id: patient.id, version: patient.version, reason: 'consent withdrawn' });

  const files = await filesOf();
  const { long, wide } = await assertAgree(files);
  assert.equal(long.length, 10);
  assert.ok(!files['long.csv'].includes('2024-07-13,follow_up,8,'), 'the voided visit is left out');
  assert.ok(!files['long.csv'].includes('E2E-S1') && !files['wide.csv'].includes('E2E-S1'), 'the voided patient is left out');
  const p2 = wide.find((r) => r.patient_code === 'E2E-P2')!;
  // Without its day-180 visit, P2 has no month 6, and its final visit is the day-90 one.
  assert.deepEqual([p2.visit_date_m6, p2.visit_date_final, p2.cdasi_activity_final], ['', '2024-04-14', '12']);
});

test('an export is recorded in the audit log with the caller, the format and the counts', async () => {
  const nord = await siteId('NORD');
  const exported = await exportAnalysis(db, { cohortCode: 'E2E-PILOT', siteIds: [nord], actorId: 'system:test' });
  assert.ok(exported);
  assert.deepEqual([exported.patients, exported.visits], [4, 10]);
  const [entry] = await selectRows<{ actor_id: string; action: string; entity: string; after: unknown }>(
    db,
    sql`select actor_id, action, entity, after from ${auditLog} order by seq desc limit 1`,
  );
  assert.deepEqual(entry, { actor_id: 'system:test', action: 'export', entity: 'cohort', after: { format: 'analysis', patients: 4, visits: 10, siteIds: [nord] } });
  assert.equal(await exportAnalysis(db, { cohortCode: 'NO-SUCH', actorId: 'system:test' }), null);
});

function runExport(...args: string[]) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/export.ts', ...args], { env: process.env, encoding: 'utf8' });
}

test('npm run export --format analysis writes the five files and records the export', postgresOnly('the command opens the database by its address'), async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-analysis-export-'));
  try {
    const out = path.join(folder, 'analysis');
    const r = runExport('--cohort', 'E2E-PILOT', '--format', 'analysis', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /analysis files of 4 patients \(10 visits\) written to/);
    assert.deepEqual(fs.readdirSync(out).sort(), [...ANALYSIS_FILES].sort());
    const data = await analysisData(db, { cohortCode: 'E2E-PILOT' });
    assert.ok(data);
    const today = /made by the DM JAKi registry on (\d{4}-\d{2}-\d{2})/.exec(fs.readFileSync(path.join(out, 'read.R'), 'utf8'))?.[1];
    assert.ok(today);
    const files = analysisFiles({ ...data, today });
    for (const name of ANALYSIS_FILES) assert.equal(fs.readFileSync(path.join(out, name), 'utf8'), files[name], name);
    const [entry] = await selectRows<{ actor_id: string; after: { format: string; patients: number; siteIds: string } }>(
      db,
      sql`select actor_id, after from ${auditLog} where action = 'export' order by seq desc limit 1`,
    );
    assert.deepEqual([entry?.actor_id, entry?.after.format, entry?.after.patients, entry?.after.siteIds], ['system:cli', 'analysis', 4, 'all']);

    const unknown = runExport('--cohort', 'NO-SUCH', '--format', 'analysis', '--out', out);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No cohort has the code NO-SUCH/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
