import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import { failureOf, invalid } from '@/lib/action-errors';
import { NotFoundError, type ActionResult } from '@/lib/errors';
import { adverseEventEditSchema, adverseEventReviewSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { SCRIPT, hostileString, hostileValue, isClearMessage } from '@/test-support/hostile-values';
import { patientEditSchema, patientSchema } from '@/lib/schemas/patient';
import { newUserSchema } from '@/lib/schemas/user';
import { visitSchema } from '@/lib/schemas/visit';
import { voidSchema } from '@/lib/schemas/void';
import type { Db } from './client';
import { createAdverseEvent, reviewAdverseEvent, updateAdverseEvent } from './queries/adverse-events';
import { auditTrailCsv } from './queries/audit-trail';
import { exportCohort } from './queries/export';
import { loadReportInput } from './queries/report';
import { getUserWithSites } from './queries/users';
import { createPatient, updatePatient } from './queries/patients';
import { createUser } from './queries/users';
import { createVisit } from './queries/visits';
import { voidAdverseEvent, voidVisit } from './queries/void';
import { adverseEvents, auditLog, patients, user, visits } from './schema';
import { createTestDatabase, recordCounts, makeCohort, makeSite, patientInput, uniqueCode, visitInput, type TestDatabase } from '@/test-support/db';

// Hostile values down the path the server actions take: the form's schema, then the data
// layer, errors answered as serverAction answers them. Each save is refused at a field with a sentence and the database is
// left exactly as it was, or it is saved and the text reads back byte for byte as sent (trimmed).

let t: TestDatabase;
let db: Db;
let siteId: string;
let cohortId: string;
const ACTOR = 'user-hostile';
const RUNS = { numRuns: 25 };

before(async () => {
  t = await createTestDatabase();
  db = t.db;
  siteId = (await makeSite(db)).id;
  cohortId = (await makeCohort(db)).id;
});

after(async () => {
  await t?.cleanup();
});

/** As a server action: parse with the form's schema, then save; errors answered as serverAction does (it needs Next). */
async function submit<S extends z.ZodType>(schema: S, values: unknown, save: (data: z.output<S>) => Promise<unknown>): Promise<ActionResult> {
  try {
    const parsed = schema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    await save(parsed.data);
    return { ok: true, id: '' };
  } catch (e) {
    return failureOf(e);
  }
}

const snapshot = () => recordCounts(db);

/** Runs a save; a refusal must name fields in sentences and change nothing, a success is checked by `stored`. */
async function refusedOrStored(save: () => Promise<ActionResult>, stored: () => Promise<void>) {
  const before = await snapshot();
  const result = await save();
  if (result.ok) return stored();
  const errors = Object.entries(result.fieldErrors ?? {});
  assert.ok(errors.length > 0, `refused without a field error: ${result.message}`);
  for (const [field, message] of errors) assert.ok(isClearMessage(message), `${field}: ${JSON.stringify(message)}`);
  assert.deepEqual(await snapshot(), before, 'a refused save must write nothing');
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
/** Free text: mostly hostile, sometimes markup or quotes that must be kept as typed. */
const text = fc.oneof(hostileString, fc.constantFrom(SCRIPT, `O'Brien said "stop" \\ ; --`, '  😀 zona  ', '‮gnp.exe', '<b>bold</b> & &amp;'));

async function newPatient() {
  return createPatient(db, { actorId: ACTOR, siteIds: [siteId], input: patientInput({ siteId, cohortId }) });
}

async function readPatient(id: string) {
  const [p] = await db.select().from(patients).where(eq(patients.id, id));
  return p!;
}

async function lastReason(entityId: string) {
  const [row] = await db.select({ reason: auditLog.reason }).from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.seq)).limit(1);
  return row?.reason;
}

const patientForm = (fields: Record<string, unknown>) => ({
  code: uniqueCode('H'),
  siteId,
  cohortId,
  sex: 'F',
  birthYear: '1970',
  jakiDrug: 'baricitinib',
  jakiDoseMgDay: '4',
  jakiStartDate: '2024-01-10',
  ...fields,
});

const aeForm = (fields: Record<string, unknown>) => ({
  term: 'Zona',
  category: 'herpes_zoster',
  onsetDate: '2024-03-01',
  endDate: '2024-03-20',
  ctcaeGrade: '2',
  outcome: 'recovered',
  ...fields,
});

describe('hostile values through the patient form and the data layer', () => {
  test('a new patient: code and cause of death refused, or stored as sent', async () => {
    const code = fc.oneof(text, fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,20}$/).map((c) => ` ${c}-${uniqueCode('x')} `));
    await fc.assert(
      fc.asyncProperty(code, text, async (c, cause) => {
        let id = '';
        await refusedOrStored(
          () =>
            submit(patientSchema, patientForm({ code: c, deathDate: '2024-06-01', deathCause: cause }), async (input) => {
              id = await createPatient(db, { actorId: ACTOR, siteIds: [siteId], input });
            }),
          async () => {
            const p = await readPatient(id);
            assert.equal(p.code, c.trim());
            assert.equal(p.deathCause, trimmed(cause) || null);
          },
        );
      }),
      RUNS,
    );
  });

  test('an edit: a hostile reason and cause of death are refused, or kept as sent in the patient and the audit log', async () => {
    const id = await newPatient();
    await fc.assert(
      fc.asyncProperty(text, text, async (reason, cause) => {
        const p = await readPatient(id);
        await refusedOrStored(
          () =>
            submit(patientEditSchema, patientForm({ code: p.code, deathDate: '2024-06-01', deathCause: cause, reason, version: String(p.version) }), async (data) => {
              const { reason: r, version, ...input } = data;
              await updatePatient(db, { actorId: ACTOR, siteIds: [siteId], patientId: id, version, reason: r, input });
            }),
          async () => {
            assert.equal((await readPatient(id)).deathCause, trimmed(cause) || null);
            assert.equal(await lastReason(id), reason.trim());
          },
        );
      }),
      RUNS,
    );
  });

  test('anything at all in place of the form, or in any field, is refused at a field and writes nothing', async () => {
    const field = fc.constantFrom('code', 'siteId', 'cohortId', 'sex', 'birthYear', 'antibodies', 'ild', 'jakiDoseMgDay', 'jakiStartDate', 'deathCause');
    await fc.assert(
      fc.asyncProperty(hostileValue, field, hostileValue, async (whole, key, value) => {
        const saveAny = (values: unknown) => () =>
          submit(patientSchema, values, (input) => createPatient(db, { actorId: ACTOR, siteIds: [siteId], input }));
        await refusedOrStored(saveAny(whole), async () => assert.fail('a non-form was saved'));
        await refusedOrStored(saveAny(patientForm({ [key]: value })), async () => {});
      }),
      RUNS,
    );
  });
});

describe('hostile values through the visit, adverse-event, review and void forms', () => {
  test('visit measures: refused at their field, or stored as numbers', async () => {
    const id = await newPatient();
    await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId: id, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
    const field = fc.constantFrom('cdasiActivity', 'mmt8', 'haq', 'ckUL', 'ivig', 'activeMuscle', 'visitDate', 'cdasiItems');
    let day = 0;
    await fc.assert(
      fc.asyncProperty(field, hostileValue, async (key, value) => {
        const visitDate = `2024-0${2 + Math.floor(day / 28)}-${String((day++ % 28) + 1).padStart(2, '0')}`;
        let visitId = '';
        await refusedOrStored(
          () =>
            submit(visitSchema, { visitDate, visitType: 'follow_up', [key]: value }, async (input) => {
              visitId = await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId: id, input });
            }),
          async () => {
            const [v] = await db.select().from(visits).where(eq(visits.id, visitId));
            for (const n of [v!.cdasiActivity, v!.mmt8, v!.haq, v!.ckUL]) assert.ok(n === null || Number.isFinite(n));
          },
        );
      }),
      RUNS,
    );
  });

  test('an adverse-event term, its edit reason, a review comment and a void reason: refused, or kept as sent', async () => {
    const patientId = await newPatient();
    const read = async (eventId: string) => (await db.select().from(adverseEvents).where(eq(adverseEvents.id, eventId)))[0]!;
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (term, reason, comment, voidReason) => {
        let eventId = '';
        await refusedOrStored(
          () =>
            submit(adverseEventSchema, aeForm({ term }), async (input) => {
              eventId = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], patientId, input });
            }),
          async () => assert.equal((await read(eventId)).term, term.trim()),
        );
        if (!eventId) eventId = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: adverseEventSchema.parse(aeForm({})) });

        await refusedOrStored(
          async () =>
            submit(adverseEventEditSchema, aeForm({ term: 'Zona', reason, version: (await read(eventId)).version }), async (data) => {
              const { reason: r, version, ...input } = data;
              await updateAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], eventId, version, reason: r, input });
            }),
          async () => assert.equal(await lastReason(eventId), reason.trim()),
        );
        await refusedOrStored(
          async () =>
            submit(adverseEventReviewSchema, { comment, version: (await read(eventId)).version }, (data) =>
              reviewAdverseEvent(db, { actorId: 'user-auditor', siteIds: [siteId], eventId, ...data }),
            ),
          async () => assert.equal((await read(eventId)).reviewComment, comment.trim()),
        );
        await refusedOrStored(
          async () =>
            submit(voidSchema, { reason: voidReason, version: (await read(eventId)).version }, (data) =>
              voidAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], id: eventId, ...data }),
            ),
          async () => assert.equal((await read(eventId)).voidReason, voidReason.trim()),
        );
      }),
      RUNS,
    );
  });

  test('a visit voided with a hostile reason keeps it as sent', async () => {
    const patientId = await newPatient();
    await fc.assert(
      fc.asyncProperty(text, async (reason) => {
        const visitId = await createVisit(db, { actorId: ACTOR, siteIds: [siteId], patientId, input: visitInput({ visitDate: '2024-01-05', visitType: 'baseline' }) });
        await refusedOrStored(
          () => submit(voidSchema, { reason, version: 1 }, (data) => voidVisit(db, { actorId: ACTOR, siteIds: [siteId], id: visitId, ...data })),
          async () => {
            const [v] = await db.select().from(visits).where(eq(visits.id, visitId));
            assert.equal(v!.voidReason, reason.trim());
          },
        );
        await db.update(visits).set({ voidedAt: new Date(), voidReason: 'test cleanup', version: 9 }).where(eq(visits.id, visitId));
      }),
      { numRuns: 15 },
    );
  });
});

describe('hostile values through the new-user form', () => {
  test('a name is refused, or stored as sent', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(text, async (name) => {
        let id = '';
        await refusedOrStored(
          () =>
            submit(newUserSchema, { name, email: `hostile${n++}@test.org`, role: 'admin', password: 'long-enough-pw', siteIds: [] }, async (input) => {
              id = await createUser(db, { actorId: ACTOR, input });
            }),
          async () => {
            const [u] = await db.select().from(user).where(eq(user.id, id));
            assert.equal(u!.name, name.trim());
          },
        );
      }),
      { numRuns: 10 }, // each success hashes a password
    );
  });
});

describe('examples that broke saves before', () => {
  test('a NUL or half an emoji in free text is a field error, not "the server could not save"', async () => {
    const patientId = await newPatient();
    for (const term of ['zona\u0000', 'zona \ud83d']) {
      const before = await snapshot();
      const result = await submit(adverseEventSchema, aeForm({ term }), (input) => createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], patientId, input }));
      assert.deepEqual(result, {
        ok: false,
        message: 'Please correct the highlighted fields. Nothing was saved.',
        fieldErrors: { term: 'Term contains a character that cannot be stored (a NUL or a broken emoji)' },
      });
      assert.deepEqual(await snapshot(), before);
    }
  });

  test('markup, quotes and emoji come back byte for byte', async () => {
    const patientId = await newPatient();
    const term = `${SCRIPT} "quoted" 'single' 😀 ‮RTL`;
    let eventId = '';
    const result = await submit(adverseEventSchema, aeForm({ term }), async (input) => {
      eventId = await createAdverseEvent(db, { actorId: ACTOR, siteIds: [siteId], patientId, input });
    });
    assert.equal(result.ok, true);
    const [e] = await db.select().from(adverseEvents).where(eq(adverseEvents.id, eventId));
    assert.equal(Buffer.compare(Buffer.from(e!.term), Buffer.from(term)), 0);
  });

  test('a reason that looks like a formula is stored as typed and neutralised in the audit trail CSV', async () => {
    const id = await newPatient();
    const p = await readPatient(id);
    const reason = '=HYPERLINK("http://evil.test","fix")';
    const result = await submit(patientEditSchema, patientForm({ code: p.code, reason, version: p.version }), async (data) => {
      const { reason: r, version, ...input } = data;
      await updatePatient(db, { actorId: ACTOR, siteIds: [siteId], patientId: id, version, reason: r, input });
    });
    assert.equal(result.ok, true);
    assert.equal(await lastReason(id), reason);
    const exported = await auditTrailCsv(db, { filters: { entityId: id } });
    assert.ok(exported.includes(`"'=HYPERLINK(""http://evil.test"",""fix"")"`), exported);
    assert.doesNotMatch(exported, /(^|,)"?=HYPERLINK/m);
  });

  test('a NUL in an address-bar code or id is "not found", not a failed query', async () => {
    assert.equal(await loadReportInput(db, { cohortCode: 'C\u0000', siteIds: [siteId], today: '2025-01-01' }), null);
    await assert.rejects(exportCohort(db, { cohortCode: '\u0000' }), NotFoundError);
    assert.equal(await getUserWithSites(db, 'u\u0000'), null);
  });
});
