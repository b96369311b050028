import { after, before, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { auditEvidenceFiles } from '@/server/audit-evidence';
import { createTestDatabase, makeCohort, makeSite, patientInput, postgresOnly, visitInput, type TestDatabase } from '@/test-support/db';
import { writeAudit } from '../audit';
import { selectRows, type Db } from '../client';
import { auditLog } from '../schema';
import { listAuditTrail } from './audit-trail';
import { createPatient } from './patients';
import { createVisit } from './visits';

// The evidence of a period holds exactly the entries of its days (in UTC), those the reader
// may see, with the verification of the whole chain and the hashes; a tampered entry shows.

let t: TestDatabase;
let db: Db;
let siteA: string;
let siteB: string;
let patientA: string;
let patientB: string;
const CLINICIAN = 'user-clinician';
const PERIOD = { from: '2026-02-01', to: '2026-02-28' };

/** Each entry's time, by its place in the chain (the rest keep today's). */
const DATED: Record<number, string> = {};

/**
 * Moves entries to the given times and hashes the chain again, as if they had been written
 * then: the trigger sets every entry's time to now(), and a period needs entries on other days.
 */
async function backdate(times: Record<number, string>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    for (const [seq, at] of Object.entries(times)) await tx.execute(sql`update audit_log set at = ${at}::timestamptz where seq = ${Number(seq)}`);
    let prev: string | null = null;
    for (const { seq } of await tx.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq))) {
      const [row]: { hash: string }[] = await selectRows<{ hash: string }>(
        tx,
        sql`update audit_log set prev_hash = ${prev}, hash = audit_entry_hash(${prev}, seq, id, at, actor_id, action, entity, entity_id, before, after, reason, correlation_id, via_token)
            where seq = ${seq} returning hash`,
      );
      prev = row!.hash;
    }
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
}

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = (await makeSite(db)).id;
  siteB = (await makeSite(db)).id;
  const cohortId = (await makeCohort(db)).id;
  patientA = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });
  patientB = await createPatient(db, { actorId: CLINICIAN, siteIds: [siteB], input: patientInput({ siteId: siteB, cohortId }) });
  await createVisit(db, { actorId: CLINICIAN, siteIds: [siteA], patientId: patientA, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  for (let i = 0; i < 4; i++) await writeAudit(db, { actorId: 'user-admin', action: 'update', entity: 'site', entityId: siteA, after: { n: i } });
  const seqs = (await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq))).map((r) => Number(r.seq));
  // The edges of the period: the last moment before it, its first and last moments, the first after it.
  const times = ['2026-01-31T23:59:59.999Z', '2026-02-01T00:00:00Z', '2026-02-10T12:00:00Z', '2026-02-15T08:00:00Z', '2026-02-20T09:00:00Z', '2026-02-28T23:59:59.999Z', '2026-03-01T00:00:00Z'];
  seqs.slice(0, times.length).forEach((seq, i) => (DATED[seq] = times[i]!));
  await backdate(DATED);
});

after(async () => {
  await t?.cleanup();
});

const inPeriod = () => Object.entries(DATED).filter(([, at]) => at >= '2026-02-01' && at < '2026-03-01').map(([seq]) => Number(seq));

async function evidence(siteIds?: string[]) {
  const { files } = await auditEvidenceFiles(db, { period: PERIOD, reader: { actorId: 'user-auditor', name: 'Marc Dubois', email: 'auditor@demo.test', siteIds } });
  const [csv, pdf, manifest] = files;
  const rows = parse(new TextDecoder().decode(csv!.bytes), { columns: true }) as Record<string, string>[];
  return { rows, pdf: pdf!, manifest: JSON.parse(new TextDecoder().decode(manifest!.bytes)), names: files.map((f) => f.name) };
}

async function lastEntry() {
  const [row] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row!;
}

test("the period's entries exactly, whole days in UTC, with the chain's verification and hashes", async () => {
  const expected = inPeriod();
  assert.equal(expected.length, 5, 'the fixture spans the period and its edges');
  const { rows, manifest, names } = await evidence();
  assert.deepEqual(names, ['audit-trail_2026-02-01_2026-02-28.csv', 'audit-trail_2026-02-01_2026-02-28.pdf', 'audit-trail_2026-02-01_2026-02-28.manifest.json']);
  assert.deepEqual(rows.map((r) => Number(r.seq)), expected);
  const last = (await db.select().from(auditLog).where(eq(auditLog.seq, expected.at(-1)!)))[0]!;
  assert.equal(rows.at(-1)!.hash, last.hash);
  assert.equal(manifest.periodLastHash, last.hash);
  // The export itself is in the chain, today: verified with the rest, outside the period.
  const exported = await lastEntry();
  assert.equal(exported.action, 'export');
  assert.equal(exported.entity, 'audit_log');
  assert.deepEqual(exported.after, { format: 'evidence', from: PERIOD.from, to: PERIOD.to, siteIds: 'all' });
  assert.deepEqual(manifest.chain, { ok: true, checked: Number(exported.seq), lastHash: exported.hash });
  assert.equal(manifest.entries, 5);
  assert.equal(manifest.files.length, 2);
});

test("a period's days are UTC days, whatever the database session's time zone", async () => {
  await db.transaction(async (tx) => {
    // Auckland is 13 hours ahead in February: its 1 February starts at 11:00 UTC on 31 January.
    await tx.execute(sql`set local timezone = 'Pacific/Auckland'`);
    const { entries } = await listAuditTrail(tx, { filters: PERIOD, limit: 1000 });
    assert.deepEqual(entries.map((e) => e.seq).reverse(), inPeriod(), 'newest first on the page');
  });
});

test("an auditor's evidence leaves out the clinical entries of other sites, as the audit page does", async () => {
  const all = await evidence();
  const mine = await evidence([siteA]);
  const patientOf = (rows: Record<string, string>[]) => new Set(rows.filter((r) => r.entity === 'patient').map((r) => r.entity_id));
  assert.ok(patientOf(all.rows).has(patientB), "the fixture: site B's patient is created in the period");
  assert.equal(mine.rows.some((r) => r.entity_id === patientB), false);
  assert.deepEqual(
    mine.rows.map((r) => r.seq),
    all.rows.filter((r) => r.entity_id !== patientB).map((r) => r.seq),
  );
  assert.match(mine.manifest.scope, /other than/);
  assert.equal(mine.manifest.chain.ok, true);
});

function runExport(...args: string[]) {
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/audit-export.ts', ...args], { env: { ...process.env, DATABASE_URL: t.url }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CLI = postgresOnly('the command runs as a second process on the same database');
const outFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
after(() => fs.rmSync(outFolder, { recursive: true, force: true }));

test('npm run audit:export writes the three files, never over earlier ones, and names a bad date', CLI, () => {
  const out = path.join(outFolder, 'intact');
  const done = runExport('--from', PERIOD.from, '--to', PERIOD.to, '--out', out);
  assert.equal(done.status, 0, done.stderr);
  assert.match(done.stdout, /Audit trail 2026-02-01 to 2026-02-28: 5 entries written/);
  assert.match(done.stdout, /Chain: Intact: all \d+ entries of the trail checked.*last hash [0-9a-f]{64}/);
  assert.deepEqual(fs.readdirSync(out).sort(), ['audit-trail_2026-02-01_2026-02-28.csv', 'audit-trail_2026-02-01_2026-02-28.manifest.json', 'audit-trail_2026-02-01_2026-02-28.pdf']);
  const again = runExport('--from', PERIOD.from, '--to', PERIOD.to, '--out', out);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists: evidence is never overwritten/);
  const bad = runExport('--from', '2026-02-30', '--to', PERIOD.to, '--out', path.join(outFolder, 'bad'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--from: From must be a date \(YYYY-MM-DD\)/);
  assert.equal(fs.existsSync(path.join(outFolder, 'bad')), false);
});

// Last: the tampering is committed (this file's database is dropped after it).
test('an entry of the period changed in place shows as the chain broken at that entry', async () => {
  const target = inPeriod()[2]!;
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger user`);
    await tx.execute(sql`update audit_log set reason = 'rewritten' where seq = ${target}`);
    await tx.execute(sql`alter table audit_log enable trigger user`);
  });
  const { rows, manifest } = await evidence();
  assert.equal(manifest.chain.ok, false);
  assert.equal(manifest.chain.goodBefore, target - 1);
  assert.match(manifest.chain.problem, new RegExp(`seq ${target} .*altered`));
  // The entries are still all there, the rewritten one as it now reads.
  assert.equal(rows.find((r) => Number(r.seq) === target)?.reason, 'rewritten');
  if (CLI.skip) return;
  const broken = runExport('--from', PERIOD.from, '--to', PERIOD.to, '--out', path.join(outFolder, 'broken'));
  assert.equal(broken.status, 1, 'the command fails, its files written');
  assert.match(broken.stdout, new RegExp(`Chain: BROKEN after ${target - 1} good entries`));
  assert.equal(fs.readdirSync(path.join(outFolder, 'broken')).length, 3);
});
