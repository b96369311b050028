import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { loginSchema } from '@/app/(auth)/login/schema';
import {
  AE_ACTIONS,
  AE_CATEGORIES,
  AE_RELATEDNESS,
  ANTIBODIES,
  DM_SUBTYPES,
  JAKI_DRUGS,
  JAKI_STOP_REASONS,
  PREVIOUS_TREATMENTS,
  ROLES,
  SEXES,
  VISIT_TYPES,
  type SteroidDrug,
} from '@/lib/codes';
import { prednisoneEquivalent } from '@/lib/treatments/glucocorticoids';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';
import { addDays, todayIso } from '@/lib/dates';
import { adverseEventEditSchema, adverseEventReviewSchema, adverseEventSchema } from './adverse-event';
import { unstorable } from './fields';
import { SCRIPT, hostileValue, isClearMessage } from '@/test-support/hostile-values';
import { patientEditSchema, patientSchema } from './patient';
import { newTokenSchema } from './token';
import { newUserSchema, userAccessSchema } from './user';
import { visitEditSchema, visitSchema } from './visit';
import { voidSchema } from './void';

// Every form's schema against what a hostile client can send: it never throws, every refusal
// names a field of the form (or the form) in a sentence, anything it accepts can be stored,
// and every valid form is accepted with its text kept as typed (trimmed).

const RUNS = { numRuns: 150 };
const TODAY = todayIso();
const FIRST = '2000-01-01';
const DAYS = Math.round((Date.parse(TODAY) - Date.parse(FIRST)) / 86_400_000);

/** A date from 2000 to today, as the date input sends it. */
const date = (from = FIRST) => fc.integer({ min: 0, max: DAYS }).map((d) => (addDays(from, d) > TODAY ? TODAY : addDays(from, d)));
const uuid = fc.uuid({ version: 4 });
const subset = <T>(codes: readonly T[]) => fc.subarray([...codes]);
/** A number as a form field may hold it: a number, its text, or its text with a decimal comma and spaces. */
const numberField = (min: number, max: number, integer = false) =>
  (integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => Math.round(n * 100) / 100))
    .filter((n) => n >= min && n <= max)
    .chain((n) => fc.constantFrom<string | number>(n, String(n), ` ${String(n).replace('.', ',')} `));
/** Free text anyone may type: emoji, RTL, markup, quotes; never NUL or half an emoji. */
const freeText = (max: number, min = 1) =>
  fc
    .oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(SCRIPT, `O'Brien "quoted"`, '  مرض جلدي  ', '😀 zona', '=1+1'))
    .filter((s) => [...s.trim()].length >= min && s.trim().length <= max && !unstorable(s)); // zod's min counts code points
const version = fc.integer({ min: 1, max: 1_000_000 }).chain((n) => fc.constantFrom<string | number>(n, String(n)));
const reason = freeText(500, 3);

const patientForm = fc
  .record({
    code: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/),
    siteId: uuid,
    cohortId: uuid,
    sex: fc.constantFrom(...SEXES),
    birthYear: numberField(1900, 1999, true),
    diagnosisYears: fc.option(fc.nat(5), { nil: null }),
    dmSubtype: fc.option(fc.constantFrom(...DM_SUBTYPES), { nil: '' }),
    antibodies: fc.oneof(subset(ANTIBODIES.filter((a) => a !== 'none')), fc.constant(['none'])),
    previousTreatments: subset(PREVIOUS_TREATMENTS),
    ild: fc.constantFrom('', 'yes', 'no'),
    jakiDrug: fc.constantFrom(...JAKI_DRUGS),
    jakiDoseMgDay: numberField(0.1, 100),
    jakiStartDate: date(),
    stop: fc.option(fc.record({ days: fc.nat(DAYS), reason: fc.constantFrom(...JAKI_STOP_REASONS) }), { nil: null }),
    death: fc.option(fc.record({ days: fc.nat(DAYS), cause: fc.option(freeText(200), { nil: '' }) }), { nil: null }),
    followUpEnd: fc.option(fc.nat(DAYS), { nil: null }),
  })
  .map(({ stop, death, followUpEnd, diagnosisYears, ...p }) => {
    // In the contract's order: diagnosis ≤ JAKi start ≤ stop ≤ death; start ≤ follow-up end ≤ death.
    const after = (from: string, days: number) => (addDays(from, days) > TODAY ? TODAY : addDays(from, days));
    const stopDate = stop ? after(p.jakiStartDate, stop.days) : '';
    const deathDate = death ? after(stopDate || p.jakiStartDate, death.days) : '';
    const endDate = followUpEnd === null ? '' : after(p.jakiStartDate, followUpEnd);
    const diagnosis = diagnosisYears === null ? '' : addDays(p.jakiStartDate, -365 * diagnosisYears);
    return {
      ...p,
      diagnosisDate: diagnosis && Number(diagnosis.slice(0, 4)) >= Number(String(p.birthYear).trim()) ? diagnosis : '',
      jakiStopDate: stopDate,
      jakiStopReason: stop ? stop.reason : '',
      deathDate,
      deathCause: death ? death.cause : '',
      followUpEndDate: deathDate && endDate > deathDate ? deathDate : endDate,
    };
  });

/** A valid value of each measure of the field table, or '' (not recorded). */
function measureValue(f: VisitField): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case 'number':
      return fc.option(numberField(f.minExclusive ? f.min + 0.1 : f.min, f.max, f.whole), { nil: '' });
    case 'code':
      return fc.constantFrom('', ...f.codes);
    case 'yesno':
      return fc.constantFrom('', 'yes', 'no');
  }
}

const visitForm = fc
  .record({
    visitDate: date(),
    visitType: fc.constantFrom(...VISIT_TYPES),
    ...Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, measureValue(f)])),
  })
  .map((v: Record<string, unknown>) => {
    // The rules between measures (lib/visits/rules.ts): IVIG dose and interval only while
    // ongoing; a glucocorticoid with its dose, the prednisone equivalent then left to be filled in.
    const out: Record<string, unknown> = { ...v };
    if (v.ivig !== 'ongoing') Object.assign(out, { ivigDoseGKg: '', ivigIntervalWeeks: '' });
    const mg = Number(String(v.steroidMgDay).trim().replace(',', '.'));
    const paired = v.steroidDrug !== '' && v.steroidMgDay !== '' && prednisoneEquivalent(v.steroidDrug as SteroidDrug, mg) <= 1500;
    Object.assign(out, paired ? { prednisoneMgDay: '' } : { steroidDrug: '', steroidMgDay: '' });
    return out;
  });

const adverseEventForm = fc
  .record({
    term: freeText(200),
    category: fc.constantFrom(...AE_CATEGORIES),
    onsetDate: date(),
    endDays: fc.option(fc.nat(400), { nil: null }),
    ctcaeGrade: fc.integer({ min: 1, max: 5 }),
    seriousHospitalisation: fc.boolean(),
    seriousOtherImportant: fc.constantFrom('on', '', 'false', 'true'),
    related: fc.constantFrom('', ...AE_RELATEDNESS),
    action: fc.constantFrom('', ...AE_ACTIONS),
    recovered: fc.boolean(),
  })
  .map(({ endDays, recovered, ...e }) => {
    const fatal = e.ctcaeGrade === 5;
    const ended = fatal || endDays !== null;
    const end = addDays(e.onsetDate, endDays ?? 0);
    return {
      ...e,
      ctcaeGrade: String(e.ctcaeGrade),
      ongoing: !ended,
      endDate: ended ? (end > TODAY ? TODAY : end) : '',
      seriousDeath: fatal,
      outcome: fatal ? 'fatal' : ended ? (recovered ? 'recovered' : 'unknown') : 'recovering',
      deathDate: '',
    };
  });

const email = fc.stringMatching(/^[a-z][a-z0-9]{0,10}(\.[a-z0-9]{1,5})?@[a-z]{2,10}\.(test|org|fr)$/);
const userForm = fc
  .record({
    name: freeText(100, 2),
    email,
    role: fc.constantFrom(...ROLES),
    password: fc.string({ minLength: 10, maxLength: 128 }),
    siteIds: fc.array(uuid, { minLength: 1, maxLength: 3 }),
  })
  .map((u) => (u.role === 'admin' ? { ...u, siteIds: [] } : u));
const accessForm = fc
  .record({ role: fc.constantFrom(...ROLES), siteIds: fc.array(uuid, { minLength: 1, maxLength: 3 }), active: fc.boolean() })
  .map((u) => (u.role === 'admin' ? { ...u, siteIds: [] } : u));

type Form = { name: string; schema: z.ZodType; valid: fc.Arbitrary<Record<string, unknown>>; text: string[] };

const withEdit = (valid: fc.Arbitrary<Record<string, unknown>>) =>
  fc.record({ form: valid, reason, version }).map(({ form, reason, version }) => ({ ...form, reason, version }));

const FORMS: Form[] = [
  { name: 'patient', schema: patientSchema, valid: patientForm, text: ['code', 'deathCause'] },
  { name: 'patient edit', schema: patientEditSchema, valid: withEdit(patientForm), text: ['code', 'deathCause', 'reason'] },
  { name: 'visit', schema: visitSchema, valid: visitForm, text: [] },
  { name: 'visit edit', schema: visitEditSchema, valid: withEdit(visitForm), text: ['reason'] },
  { name: 'adverse event', schema: adverseEventSchema, valid: adverseEventForm, text: ['term'] },
  { name: 'adverse event edit', schema: adverseEventEditSchema, valid: withEdit(adverseEventForm), text: ['term', 'reason'] },
  { name: 'review', schema: adverseEventReviewSchema, valid: fc.record({ comment: freeText(1000), version }), text: ['comment'] },
  { name: 'void', schema: voidSchema, valid: fc.record({ reason, version }), text: ['reason'] },
  { name: 'new user', schema: newUserSchema, valid: userForm, text: ['name', 'email'] },
  { name: 'user access', schema: userAccessSchema, valid: accessForm, text: [] },
  {
    name: 'new access token',
    schema: newTokenSchema,
    valid: fc.record({ name: freeText(60, 2), scopes: fc.subarray(['read', 'write'], { minLength: 1 }), days: fc.integer({ min: 1, max: 365 }).map(String) }),
    text: ['name'],
  },
  { name: 'sign-in', schema: loginSchema, valid: fc.record({ email, password: fc.string({ minLength: 1 }) }), text: ['email'] },
];

/** The form's field names, read from the schema itself (through a transform's input, as for the visit). */
function fieldsOf(schema: z.ZodType): string[] {
  let s = schema as unknown as { shape?: Record<string, unknown>; in?: unknown };
  while (!s.shape && s.in) s = s.in as typeof s;
  return Object.keys(s.shape!);
}

/** Every string anywhere in a parsed value, all to be storable; a password is only ever hashed. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'password' ? [] : strings(v)));
  return [];
}

function checkOutcome(form: Form, input: unknown) {
  let result: z.ZodSafeParseResult<unknown>;
  assert.doesNotThrow(() => {
    result = form.schema.safeParse(input);
  });
  const fields = fieldsOf(form.schema);
  if (result!.success) {
    for (const s of strings(result!.data)) assert.ok(!unstorable(s), `${form.name}: accepted an unstorable string`);
    return;
  }
  assert.ok(result!.error.issues.length > 0);
  for (const issue of result!.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : 'form';
    assert.ok(field === 'form' || fields.includes(field), `${form.name}: issue at ${issue.path.join('.')}, not a field of the form`);
    assert.ok(isClearMessage(issue.message), `${form.name}.${field}: unclear message ${JSON.stringify(issue.message)}`);
  }
}

for (const form of FORMS) {
  describe(`${form.name} form against hostile input`, () => {
    const fields = fieldsOf(form.schema);

    test('every valid form is accepted, its text kept as typed (trimmed)', () => {
      fc.assert(
        fc.property(form.valid, (input) => {
          const result = form.schema.safeParse(input);
          assert.ok(result.success, JSON.stringify(result.error?.issues.map((i) => [i.path, i.message])));
          const data = result.data as Record<string, unknown>;
          for (const key of form.text) {
            const given = input[key];
            if (typeof given === 'string' && given.trim() !== '') assert.equal(data[key], given.trim());
          }
        }),
        RUNS,
      );
    });

    test('a hostile value in any field: never a throw, refusals named at the field in a sentence', () => {
      const changes = fc.dictionary(fc.constantFrom(...fields), hostileValue, { minKeys: 1, maxKeys: 3 });
      fc.assert(
        fc.property(form.valid, changes, (valid, change) => checkOutcome(form, { ...valid, ...change })),
        RUNS,
      );
    });

    test('anything at all in place of the form: never a throw, never jargon', () => {
      fc.assert(fc.property(hostileValue, (input) => checkOutcome(form, input)), RUNS);
      for (const input of [null, undefined, [], {}, 'form', 42, Object.create(null)]) checkOutcome(form, input);
    });

    test('unknown keys, prototype keys included, are ignored', () => {
      fc.assert(
        fc.property(form.valid, fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'extra', 'valueOf'), hostileValue), (valid, extra) => {
          const input = { ...valid };
          for (const [k, v] of Object.entries(extra)) Object.defineProperty(input, k, { value: v, enumerable: true });
          const result = form.schema.safeParse(input);
          assert.ok(result.success);
          for (const k of Object.keys(extra)) if (!fields.includes(k)) assert.ok(!Object.hasOwn(result.data as object, k));
        }),
        { numRuns: 40 },
      );
    });
  });
}

describe('messages for the hostile values the forms refuse', () => {
  const refused = (schema: z.ZodType, input: unknown) =>
    Object.fromEntries((schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.') || 'form', i.message]));

  test('wrong types name the field', () => {
    const bad = refused(visitSchema, { visitDate: 20240101, visitType: ['baseline'], cdasiActivity: {}, ivig: 3, activeMuscle: 1, cdasiItems: 'x' });
    assert.equal(bad.visitDate, 'Visit date must be a date (YYYY-MM-DD)');
    assert.equal(bad.visitType, 'Visit type must be one of baseline, follow_up');
    assert.equal(bad.cdasiActivity, 'CDASI activity must be a number');
    assert.equal(bad.ivig, 'IVIG must be one of none, ongoing, stopped');
    assert.equal(bad.activeMuscle, 'Active muscle disease must be yes or no');
    assert.equal(bad.cdasiItems, 'The CDASI calculator items are incomplete: reopen the calculator');
  });

  test('a list holding a non-code is refused at the list, its echo cut short', () => {
    assert.deepEqual(refused(patientSchema, { antibodies: [1, 'mi2'] }).antibodies, 'Antibodies must be a list of codes');
    assert.equal(refused(patientSchema, { antibodies: ['y'.repeat(100_000)] }).antibodies, `Antibodies: unknown code ${'y'.repeat(40)}…`);
  });

  test('NUL and half an emoji are refused in free text, never stored', () => {
    assert.equal(refused(adverseEventSchema, { term: 'zona\u0000' }).term, 'Term contains a character that cannot be stored (a NUL or a broken emoji)');
    assert.equal(refused(adverseEventReviewSchema, { comment: 'ok \ud83d', version: 1 }).comment, 'Review comment contains a character that cannot be stored (a NUL or a broken emoji)');
    assert.match(refused(voidSchema, { reason: 'dup\u0000licate', version: 1 }).reason!, /cannot be stored/);
    assert.match(refused(patientEditSchema, { reason: 'typo \udc00', version: 1 }).reason!, /cannot be stored/);
  });

  test('a version that is not a positive whole number asks for a reload', () => {
    for (const version of ['abc', -1, 0, 1.5, null, {}, [], 'Infinity'])
      assert.match(refused(voidSchema, { reason: 'duplicate', version }).version!, /reload the page/);
  });

  test('whatever is not an object is refused as a form', () => {
    assert.deepEqual(refused(patientSchema, null), { form: 'The form was not sent as expected: reload the page and try again' });
  });
});
