import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/lib/errors';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { authPolicy } from '@/server/auth/policy';
import { createTestDatabase, makeCohort, makeSite, patientInput, refusedWritesNothing, visitInput, type TestDatabase } from '@/test-support/db';
import { verifyAuditChain } from '../audit-verify';
import type { Db } from '../client';
import { auditLog, investigatorSites, signatures } from '../schema';
import { createAdverseEvent, reviewAdverseEvent } from './adverse-events';
import { investigatorSiteIds, setInvestigatorSites } from './investigators';
import { createPatient } from './patients';
import { countRefusedPassword } from './sign-in';
import { checkSignable, patientSignatures, signRecord, signingHashes } from './signatures';
import { createUser, updateUserAccess } from './users';
import { createVisit, updateVisit } from './visits';
import { voidVisit } from './void';

// Electronic signatures: bound to the content hash PostgreSQL takes of what was signed, so that a
// later change shows the signature no longer valid, and written to the audit chain. The
// investigator right: per user and site, given by an admin, audited.

let t: TestDatabase;
let db: Db;
let siteA: string;
let siteB: string;
let cohortId: string;
let investigator: string;
let coordinator: string;
let auditor: string;
const ADMIN = 'user-admin';
const PASSWORD = 'a-long-enough-password';

const user = (name: string, role: 'clinician' | 'coordinator' | 'auditor', siteIds: string[]) =>
  createUser(db, { actorId: ADMIN, input: { name, email: `${name.toLowerCase().replace(/ /g, '.')}@sig.test`, role, password: PASSWORD, siteIds } });

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteA = (await makeSite(db)).id;
  siteB = (await makeSite(db)).id;
  cohortId = (await makeCohort(db)).id;
  investigator = await user('Claire Martin', 'clinician', [siteA]);
  coordinator = await user('Ines Petit', 'coordinator', [siteA, siteB]);
  auditor = await user('Marc Dubois', 'auditor', [siteA, siteB]);
  await setInvestigatorSites(db, { actorId: ADMIN, userId: investigator, input: { siteIds: [siteA] } });
});

after(async () => {
  await t?.cleanup();
});

const aeInput = adverseEventSchema.parse({ term: 'Zoster', category: 'other', onsetDate: '2024-03-01', endDate: '2024-03-20', ctcaeGrade: '2', outcome: 'recovered' });

async function patientWithVisit(siteId = siteA) {
  const patientId = await createPatient(db, { actorId: investigator, siteIds: [siteId], input: patientInput({ siteId, cohortId }) });
  const visitId = await createVisit(db, { actorId: investigator, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
  return { patientId, visitId };
}

async function hashes(patientId: string, siteIds = [siteA]) {
  const found = await signingHashes(db, { siteIds, patientId });
  assert.ok(found);
  return found;
}

test('signing a visit writes the signature and its audit entry; the chain still verifies', async () => {
  const { patientId, visitId } = await patientWithVisit();
  const contentHash = (await hashes(patientId)).visits.get(visitId)!;
  const { signatureId } = await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'visit', id: visitId, contentHash, meaning: 'reviewed_and_approved', password: PASSWORD } });

  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'sign'), eq(auditLog.entityId, visitId)));
  assert.equal(entry?.actorId, investigator);
  assert.equal(entry?.entity, 'visit');
  assert.deepEqual(entry?.after, { signatureId, meaning: 'reviewed_and_approved', printedName: 'Claire Martin', contentHash });
  assert.ok(entry?.correlationId);
  const chain = await verifyAuditChain(db);
  assert.equal(chain.ok, true, JSON.stringify(chain));

  const [shown] = await patientSignatures(db, { siteIds: [siteA], patientId });
  assert.equal(shown?.kind, 'visit');
  assert.equal(shown?.recordId, visitId);
  assert.equal(shown?.visitDate, '2024-01-05');
  assert.equal(shown?.signerName, 'Claire Martin');
  assert.equal(shown?.meaning, 'reviewed_and_approved');
  assert.equal(shown?.valid, true);
  assert.equal(shown?.changedAt, null);
});

test('a later correction of the visit shows the signature no longer valid, changed at the correction; a new signature is valid', async () => {
  const { patientId, visitId } = await patientWithVisit();
  const contentHash = (await hashes(patientId)).visits.get(visitId)!;
  await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'visit', id: visitId, contentHash, meaning: 'authored', password: PASSWORD } });
  await updateVisit(db, { actorId: investigator, siteIds: [siteA], visitId, version: 1, reason: 'CK from the lab report', input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline', ckUL: '240' }) });
  const [update] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'update'), eq(auditLog.entityId, visitId)));

  const [old] = await patientSignatures(db, { siteIds: [siteA], patientId });
  assert.equal(old?.valid, false);
  assert.equal(old?.changedAt?.toISOString(), update!.at.toISOString());

  const fresh = (await hashes(patientId)).visits.get(visitId)!;
  assert.notEqual(fresh, contentHash);
  await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'visit', id: visitId, contentHash: fresh, meaning: 'reviewed_and_approved', password: PASSWORD } });
  assert.deepEqual((await patientSignatures(db, { siteIds: [siteA], patientId })).map((s) => s.valid), [false, true]);
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test('a voided visit’s signature is no longer valid', async () => {
  const { patientId, visitId } = await patientWithVisit();
  const contentHash = (await hashes(patientId)).visits.get(visitId)!;
  await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'visit', id: visitId, contentHash, meaning: 'authored', password: PASSWORD } });
  await voidVisit(db, { actorId: investigator, siteIds: [siteA], id: visitId, version: 1, reason: 'Entered for the wrong patient' });
  const [shown] = await patientSignatures(db, { siteIds: [siteA], patientId });
  assert.equal(shown?.valid, false);
  assert.ok(shown?.changedAt);
});

test('a casebook signature covers the patient and every record: a new event ends it, an auditor’s review does not', async () => {
  const { patientId } = await patientWithVisit();
  const eventId = await createAdverseEvent(db, { actorId: investigator, siteIds: [siteA], patientId, input: aeInput });
  const casebook = (await hashes(patientId)).casebook;
  await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'patient', id: patientId, contentHash: casebook, meaning: 'reviewed_and_approved', password: PASSWORD } });
  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'sign'), eq(auditLog.entityId, patientId)));
  assert.equal((entry?.after as { wholeCasebook?: boolean }).wholeCasebook, true);

  await reviewAdverseEvent(db, { actorId: auditor, siteIds: [siteA], eventId, version: 1, comment: 'Seen' });
  assert.equal((await patientSignatures(db, { siteIds: [siteA], patientId }))[0]?.valid, true, 'a review changes who looked, not what the casebook says');

  await createAdverseEvent(db, { actorId: investigator, siteIds: [siteA], patientId, input: { ...aeInput, term: 'Neutropenia', onsetDate: '2024-04-01', endDate: '2024-04-10' } });
  const [created] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'create'), eq(auditLog.entity, 'adverse_event'), sql`${auditLog.after}->>'term' = 'Neutropenia'`));
  const [shown] = await patientSignatures(db, { siteIds: [siteA], patientId });
  assert.equal(shown?.kind, 'patient');
  assert.equal(shown?.valid, false);
  assert.equal(shown?.changedAt?.toISOString(), created!.at.toISOString());
});

test('only an investigator of the patient’s site signs, what they were shown, and a refusal writes nothing', async () => {
  const { patientId, visitId } = await patientWithVisit();
  const contentHash = (await hashes(patientId)).visits.get(visitId)!;
  const input = { kind: 'visit' as const, id: visitId, contentHash, meaning: 'reviewed_and_approved' as const, password: PASSWORD };
  // Another site's record is not found, whoever asks.
  await refusedWritesNothing(db, () => signRecord(db, { actorId: investigator, siteIds: [siteB], input }), NotFoundError);
  await assert.rejects(checkSignable(db, { actorId: investigator, siteIds: [siteB], input }), NotFoundError);
  // No right at the site: refused, whatever the role.
  await refusedWritesNothing(db, () => signRecord(db, { actorId: coordinator, siteIds: [siteA, siteB], input }), ForbiddenError);
  await refusedWritesNothing(db, () => signRecord(db, { actorId: auditor, siteIds: [siteA, siteB], input }), ForbiddenError);
  // Content changed since the page showed it.
  await refusedWritesNothing(db, () => signRecord(db, { actorId: investigator, siteIds: [siteA], input: { ...input, contentHash: 'f'.repeat(32) } }), ConflictError);
  await refusedWritesNothing(db, () => signRecord(db, { actorId: investigator, siteIds: [siteA], input: { ...input, id: 'not-a-uuid' } }), NotFoundError);
  assert.equal((await patientSignatures(db, { siteIds: [siteA], patientId })).length, 0);
  // Another site's reader sees none of this patient's signatures.
  assert.deepEqual(await patientSignatures(db, { siteIds: [siteB], patientId }), []);
});

test('a signature is never changed nor removed', async () => {
  const { patientId, visitId } = await patientWithVisit();
  const contentHash = (await hashes(patientId)).visits.get(visitId)!;
  await signRecord(db, { actorId: investigator, siteIds: [siteA], input: { kind: 'visit', id: visitId, contentHash, meaning: 'authored', password: PASSWORD } });
  const appendOnly = (e: Error) => /append-only/.test(`${e.message} ${(e.cause as Error | undefined)?.message}`);
  await assert.rejects(db.update(signatures).set({ contentHash: 'x' }).where(eq(signatures.recordId, visitId)), appendOnly);
  await assert.rejects(db.delete(signatures).where(eq(signatures.recordId, visitId)), appendOnly);
});

test('an admin gives the investigator right for the user’s own sites only, audited; a change of sites or role takes it back', async () => {
  const userId = await user('Hugo Bernard', 'clinician', [siteA, siteB]);
  await setInvestigatorSites(db, { actorId: ADMIN, userId, input: { siteIds: [siteA, siteB] } });
  assert.deepEqual(await investigatorSiteIds(db, userId), [siteA, siteB].sort());
  const [granted] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'update')));
  assert.deepEqual(granted?.before, { investigatorSiteIds: [] });
  assert.deepEqual(granted?.after, { investigatorSiteIds: [siteA, siteB].sort() });
  assert.equal(granted?.actorId, ADMIN);

  await refusedWritesNothing(db, () => setInvestigatorSites(db, { actorId: ADMIN, userId: auditor, input: { siteIds: [siteA] } }), ValidationError);
  const stranger = await user('Zoe Autre', 'clinician', [siteB]);
  await refusedWritesNothing(db, () => setInvestigatorSites(db, { actorId: ADMIN, userId: stranger, input: { siteIds: [siteA] } }), ValidationError);
  await refusedWritesNothing(db, () => setInvestigatorSites(db, { actorId: ADMIN, userId: 'no-such-user', input: { siteIds: [] } }), NotFoundError);

  // Site B taken away: the right there goes with it, in the same audit entry.
  await updateUserAccess(db, { actorId: ADMIN, userId, input: { role: 'clinician', siteIds: [siteA], active: true } });
  assert.deepEqual(await investigatorSiteIds(db, userId), [siteA]);
  const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityId, userId), eq(auditLog.action, 'update')));
  const last = entries.at(-1)!;
  assert.deepEqual((last.after as { investigatorSiteIds: string[] }).investigatorSiteIds, [siteA]);
  // Made an auditor: no right left.
  await updateUserAccess(db, { actorId: ADMIN, userId, input: { role: 'auditor', siteIds: [siteA], active: true } });
  assert.deepEqual(await db.select().from(investigatorSites).where(eq(investigatorSites.userId, userId)), []);
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test('a wrong password typed to sign counts as a failed sign-in, audited as such, and locks at the limit', async () => {
  const policy = { ...authPolicy({}), maxFailures: 2 };
  const email = 'claire.martin@sig.test';
  assert.equal((await countRefusedPassword(db, { email, policy, details: { signing: true } })).lockedUntil, null);
  const second = await countRefusedPassword(db, { email, policy, details: { signing: true } });
  assert.ok(second.lockedUntil);
  const entries = await db.select().from(auditLog).where(and(eq(auditLog.entity, 'session'), eq(auditLog.entityId, email)));
  assert.deepEqual(entries.map((e) => [e.action, e.actorId, (e.after as { signing?: boolean }).signing]), [
    ['sign_in_failed', investigator, true],
    ['sign_in_failed', investigator, true],
    ['sign_in_locked', investigator, true],
  ]);
});
