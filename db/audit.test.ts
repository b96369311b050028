import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { adverseEventSchema, type AdverseEventInput } from '@/lib/schemas/adverse-event';
import { newUserSchema } from '@/lib/schemas/user';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import type { Db } from './client';
import { createAdverseEvent, reviewAdverseEvent, updateAdverseEvent } from './queries/adverse-events';
import { createPatient, updatePatient } from './queries/patients';
import { createUser } from './queries/users';
import { createVisit, updateVisit } from './queries/visits';
import { voidAdverseEvent, voidPatient, voidVisit } from './queries/void';
import { adverseEvents, auditLog, patients, session, user, visits } from './schema';
import { patientInput, visitInput, databaseWithTwoSites } from '@/test-support/db';

// getAuth() reads the settings as the server does: on PostgreSQL it needs both.
process.env.BETTER_AUTH_SECRET ??= 'a-test-secret-that-is-long-enough-for-better-auth';
process.env.BETTER_AUTH_URL ??= 'http://127.0.0.1:3000';

let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
const ACTOR = 'user-clinician-a';

databaseWithTwoSites((world) => ({ db, siteA, siteB, cohortId } = world));

function aeInput(fields: Record<string, unknown> = {}): AdverseEventInput {
  return adverseEventSchema.parse({
    term: 'Herpes zoster',
    category: 'herpes_zoster',
    onsetDate: '2024-05-02',
    endDate: '2024-05-20',
    ctcaeGrade: '2',
    seriousHospitalisation: true,
    outcome: 'recovered',
    ...fields,
  });
}

async function lastSeq(): Promise<number> {
  const [row] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return row?.seq ?? 0;
}

async function total(): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

/** Runs a write and returns the audit entries it left, which must be exactly one. */
async function onlyEntry(write: () => Promise<unknown>) {
  const from = await lastSeq();
  await write();
  const entries = await db.select().from(auditLog).where(gt(auditLog.seq, from)).orderBy(asc(auditLog.seq));
  assert.equal(entries.length, 1, `one audit entry, not ${entries.length}`);
  return entries[0]!;
}

/** A row as the audit trail keeps it (JSON: dates as ISO strings). */
const json = (row: unknown) => JSON.parse(JSON.stringify(row));

async function row(table: typeof patients | typeof visits | typeof adverseEvents, id: string): Promise<Record<string, unknown>> {
  const [r] = await db.select().from(table as typeof patients).where(eq((table as typeof patients).id, id));
  return r!;
}

describe('every write leaves exactly one audit entry with before and after', () => {
  test('patient: create, update, void', async () => {
    let id = '';
    const created = await onlyEntry(async () => (id = await createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) })));
    assert.deepEqual([created.action, created.entity, created.entityId, created.before], ['create', 'patient', id, null]);
    const v1 = await row(patients, id);
    assert.deepEqual(created.after, json(v1));

    const updated = await onlyEntry(() =>
      updatePatient(db, { actorId: ACTOR, siteIds: [siteA], patientId: id, version: 1, reason: 'Dose corrected', input: patientInput({ siteId: siteA, cohortId, code: v1.code, jakiDoseMgDay: '2' }) }),
    );
    const v2 = await row(patients, id);
    assert.deepEqual([updated.action, updated.reason, updated.before, updated.after], ['update', 'Dose corrected', json(v1), json(v2)]);

    const voided = await onlyEntry(() => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id, version: 2, reason: 'Entered twice' }));
    const v3 = await row(patients, id);
    assert.deepEqual([voided.action, voided.reason, voided.before, voided.after], ['void', 'Entered twice', json(v2), json(v3)]);
    assert.equal(v3.version, 3);
    assert.equal(v3.voidReason, 'Entered twice');
  });

  test('visit: create, update, void', async () => {
    const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });
    let id = '';
    const created = await onlyEntry(async () => (id = await createVisit(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) })));
    const v1 = await row(visits, id);
    assert.deepEqual([created.action, created.entity, created.before, created.after], ['create', 'visit', null, json(v1)]);
    const updated = await onlyEntry(() =>
      updateVisit(db, { actorId: ACTOR, siteIds: [siteA], visitId: id, version: 1, reason: 'HAQ typo', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', haq: '1.5' }) }),
    );
    const v2 = await row(visits, id);
    assert.deepEqual([updated.action, updated.reason, updated.before, updated.after], ['update', 'HAQ typo', json(v1), json(v2)]);
    const voided = await onlyEntry(() => voidVisit(db, { actorId: ACTOR, siteIds: [siteA], id, version: 2, reason: 'Wrong patient' }));
    assert.deepEqual([voided.action, voided.entity, voided.reason, voided.before, voided.after], ['void', 'visit', 'Wrong patient', json(v2), json(await row(visits, id))]);
  });

  test('adverse event: create, update, review, void', async () => {
    const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });
    let id = '';
    const created = await onlyEntry(async () => (id = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: aeInput() })));
    const v1 = await row(adverseEvents, id);
    assert.equal(v1.serious, true);
    assert.deepEqual([created.action, created.entity, created.before, created.after], ['create', 'adverse_event', null, json(v1)]);
    const updated = await onlyEntry(() =>
      updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], eventId: id, version: 1, reason: 'Not hospitalised', input: aeInput({ seriousHospitalisation: false }) }),
    );
    const v2 = await row(adverseEvents, id);
    assert.equal(v2.serious, false);
    assert.deepEqual([updated.action, updated.reason, updated.before, updated.after], ['update', 'Not hospitalised', json(v1), json(v2)]);
    const reviewed = await onlyEntry(() => reviewAdverseEvent(db, { actorId: 'user-auditor', siteIds: [siteA], eventId: id, version: 2, comment: 'Checked against the discharge letter' }));
    const v3 = await row(adverseEvents, id);
    assert.deepEqual([reviewed.action, reviewed.actorId, reviewed.before, reviewed.after], ['review', 'user-auditor', json(v2), json(v3)]);
    assert.equal(v3.reviewedBy, 'user-auditor');
    const voided = await onlyEntry(() => voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], id, version: 3, reason: 'Duplicate report' }));
    assert.deepEqual([voided.action, voided.reason, voided.before, voided.after], ['void', 'Duplicate report', json(v3), json(await row(adverseEvents, id))]);
  });

  test('user creation', async () => {
    let id = '';
    const input = newUserSchema.parse({ name: 'Lea Roux', email: 'lea@audit.test', role: 'clinician', password: 'a-long-password', siteIds: [siteA] });
    const entry = await onlyEntry(async () => (id = await createUser(db, { actorId: 'user-admin', input })));
    assert.deepEqual([entry.action, entry.entity, entry.entityId, entry.before], ['create', 'user', id, null]);
    assert.deepEqual(entry.after, { name: 'Lea Roux', email: 'lea@audit.test', role: 'clinician', siteIds: [siteA] });
  });
});

describe('a refused write leaves no audit entry', () => {
  async function refused(write: () => Promise<unknown>, kind: new (...args: never[]) => Error) {
    const before = { audit: await total(), events: (await db.select().from(adverseEvents)).length, patients: await db.select().from(patients) };
    await assert.rejects(write(), kind);
    assert.equal(await total(), before.audit);
    assert.equal((await db.select().from(adverseEvents)).length, before.events);
    assert.deepEqual(await db.select().from(patients), before.patients);
  }

  test('stale versions, other sites, inconsistent input', async () => {
    const patientId = await createPatient(db, { actorId: ACTOR, siteIds: [siteA], input: patientInput({ siteId: siteA, cohortId }) });
    const eventId = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: aeInput() });
    await refused(() => updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], eventId, version: 7, reason: 'late', input: aeInput() }), ConflictError);
    await refused(() => reviewAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], eventId, version: 7, comment: 'late' }), ConflictError);
    await refused(() => voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], id: eventId, version: 7, reason: 'late' }), ConflictError);
    await refused(() => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: patientId, version: 9, reason: 'late' }), ConflictError);
    await refused(() => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteB], patientId, input: aeInput() }), NotFoundError);
    await refused(() => voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteB], id: eventId, version: 1, reason: 'not mine' }), NotFoundError);
    await refused(() => voidPatient(db, { actorId: ACTOR, siteIds: [siteA], id: 'x', version: 1, reason: 'bad id' }), NotFoundError);
    // A grade 5 event whose death date is refused must not leave the patient's death date behind either.
    const fatal = { ctcaeGrade: '5', outcome: 'fatal', seriousDeath: true, category: 'death' };
    await refused(() => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: aeInput({ ...fatal, deathDate: '1950-01-01', onsetDate: '1950-01-01', endDate: '1950-01-01' }) }), ValidationError);
    await refused(() => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteA], patientId, input: aeInput(fatal) }), ValidationError);
  });
});

describe('signing in', () => {
  test('leaves a sign_in entry with the session, the address and the browser, nothing else', async () => {
    const input = newUserSchema.parse({ name: 'Sam Blanc', email: 'sam@signin.test', role: 'clinician', password: 'a-long-password', siteIds: [siteA] });
    const userId = await createUser(db, { actorId: 'user-admin', input });
    const { getAuth } = await import('@/server/auth/auth');
    const auth = await getAuth();
    const from = await lastSeq();
    await auth.api.signInEmail({
      body: { email: 'sam@signin.test', password: 'a-long-password' },
      headers: new Headers({ 'user-agent': 'TestBrowser/1.0', 'x-forwarded-for': '10.1.2.3' }),
    });
    const entries = await db.select().from(auditLog).where(and(gt(auditLog.seq, from), eq(auditLog.action, 'sign_in')));
    assert.equal(entries.length, 1);
    const entry = entries[0]!;
    assert.deepEqual([entry.actorId, entry.entity, entry.before], [userId, 'session', null]);
    assert.deepEqual(Object.keys(entry.after as object).sort(), ['ipAddress', 'userAgent']);
    assert.equal((entry.after as { userAgent: string }).userAgent, 'TestBrowser/1.0');
    const [known] = await db.select({ id: user.id }).from(user).where(eq(user.id, entry.actorId));
    assert.ok(known);
  });

  test('keeps the whole client address in one spelling: loopback as 127.0.0.1 or ::1, not a /64 prefix', async () => {
    const input = newUserSchema.parse({ name: 'Ana Vidal', email: 'ana@signin.test', role: 'clinician', password: 'a-long-password', siteIds: [siteA] });
    await createUser(db, { actorId: 'user-admin', input });
    const { getAuth } = await import('@/server/auth/auth');
    const auth = await getAuth();
    const cases = [
      ['::1', '::1'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['::ffff:127.0.0.1', '127.0.0.1'],
      ['2001:DB8:0:0:0:0:0:7', '2001:db8::7'],
      ['::', null],
    ] as const;
    for (const [forwarded, kept] of cases) {
      const from = await lastSeq();
      await auth.api.signInEmail({ body: { email: 'ana@signin.test', password: 'a-long-password' }, headers: new Headers({ 'x-forwarded-for': forwarded }) });
      const [entry] = await db.select().from(auditLog).where(and(gt(auditLog.seq, from), eq(auditLog.action, 'sign_in')));
      assert.equal((entry!.after as { ipAddress: string | null }).ipAddress, kept, forwarded);
      const [stored] = await db.select({ ipAddress: session.ipAddress }).from(session).where(eq(session.id, entry!.entityId));
      assert.equal(stored!.ipAddress, kept, `the session of ${forwarded}`);
    }
  });
});
