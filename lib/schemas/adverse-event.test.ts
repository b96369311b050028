import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, todayIso } from '@/lib/dates';
import { SERIOUSNESS_CRITERIA } from '@/lib/codes';
import { adverseEventEditSchema, adverseEventReviewSchema, adverseEventSchema, isSerious, SERIOUSNESS_KEYS } from './adverse-event';
import { voidSchema } from './void';
import { messages } from '@/test-support/messages';

// What the adverse-event form sends: strings, '' when blank, checkboxes absent when unticked.
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    term: 'Herpes zoster, thoracic dermatome',
    category: 'herpes_zoster',
    onsetDate: '2024-05-02',
    endDate: '2024-05-20',
    ctcaeGrade: '2',
    related: 'possible',
    action: 'interrupted',
    outcome: 'recovered',
    ...overrides,
  };
}

const fatal = { ctcaeGrade: '5', outcome: 'fatal', seriousDeath: 'on', endDate: '2024-05-10', category: 'death' };

describe('adverse event form schema', () => {
  test('a complete form parses, with unticked criteria false and codes kept', () => {
    const v = adverseEventSchema.parse(form());
    assert.equal(v.term, 'Herpes zoster, thoracic dermatome');
    assert.equal(v.ctcaeGrade, 2);
    assert.equal(v.ongoing, false);
    for (const key of SERIOUSNESS_KEYS) assert.equal(v[key], false);
    assert.equal(v.related, 'possible');
    assert.equal(v.deathDate, null);
  });

  test('the six criteria keys are those of lib/codes, and isSerious is any of them', () => {
    assert.deepEqual(SERIOUSNESS_KEYS, SERIOUSNESS_CRITERIA.map((c) => c.key));
    assert.equal(isSerious({}), false);
    for (const key of SERIOUSNESS_KEYS) assert.equal(isSerious({ [key]: true }), true, key);
    const v = adverseEventSchema.parse(form({ seriousHospitalisation: 'on' }));
    assert.equal(v.seriousHospitalisation, true);
    assert.equal(isSerious(v), true);
  });

  test('blank term, category, onset and grade: each message names its field', () => {
    const m = messages(adverseEventSchema.safeParse(form({ term: '  ', category: '', onsetDate: '', ctcaeGrade: '' })));
    assert.deepEqual(m.term, ['Term is required']);
    assert.deepEqual(m.category, ['Category is required']);
    assert.deepEqual(m.onsetDate, ['Onset date is required']);
    assert.deepEqual(m.ctcaeGrade, ['CTCAE grade is required']);
  });

  test('term at most 200 characters; unknown codes refused by name', () => {
    const m = messages(adverseEventSchema.safeParse(form({ term: 'x'.repeat(201), category: 'flu', related: 'maybe', action: 'stop', outcome: 'ok' })));
    assert.deepEqual(m.term, ['Term must be at most 200 characters']);
    assert.match(m.category![0]!, /^Category must be one of/);
    assert.match(m.related![0]!, /^Relatedness to the JAK inhibitor must be one of/);
    assert.match(m.action![0]!, /^Action with the JAK inhibitor must be one of/);
    assert.match(m.outcome![0]!, /^Outcome must be one of/);
    assert.equal(adverseEventSchema.safeParse(form({ term: 'x'.repeat(200) })).success, true);
  });

  test('grade is a whole number from 1 to 5', () => {
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ ctcaeGrade: '6' }))).ctcaeGrade, ['CTCAE grade must be between 1 and 5']);
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ ctcaeGrade: '0' }))).ctcaeGrade, ['CTCAE grade must be between 1 and 5']);
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ ctcaeGrade: '2.5' }))).ctcaeGrade, ['CTCAE grade must be a whole number']);
  });

  test('onset and end dates cannot be in the future; end not before onset', () => {
    const tomorrow = addDays(todayIso(), 1);
    const m = messages(adverseEventSchema.safeParse(form({ onsetDate: tomorrow, endDate: tomorrow })));
    assert.deepEqual(m.onsetDate, ['Onset date cannot be in the future']);
    assert.deepEqual(m.endDate, ['End date cannot be in the future']);
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ endDate: '2024-05-01' }))).endDate, ['End date cannot be before the onset date (2024-05-02)']);
    assert.equal(adverseEventSchema.safeParse(form({ endDate: '2024-05-02' })).success, true);
  });

  test('either an end date or ongoing, not both and not neither', () => {
    assert.equal(adverseEventSchema.safeParse(form({ endDate: '', ongoing: 'on', outcome: 'recovering' })).success, true);
    assert.match(messages(adverseEventSchema.safeParse(form({ ongoing: true, outcome: 'recovering' }))).endDate![0]!, /ongoing event has no end date/);
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ endDate: '' }))).endDate, ['End date is required unless the event is ongoing']);
    assert.match(messages(adverseEventSchema.safeParse(form({ endDate: '', ongoing: 'on', outcome: 'recovered' }))).ongoing![0]!, /ongoing event cannot/);
  });

  test('grade 5 requires outcome fatal and the death criterion; death requires grade 5', () => {
    assert.equal(adverseEventSchema.safeParse(form(fatal)).success, true);
    const m = messages(adverseEventSchema.safeParse(form({ ctcaeGrade: '5' })));
    assert.match(m.outcome![0]!, /^Outcome must be fatal/);
    assert.match(m.seriousDeath![0]!, /^Serious: results in death must be ticked/);
    assert.match(messages(adverseEventSchema.safeParse(form({ outcome: 'fatal' }))).ctcaeGrade![0]!, /^CTCAE grade must be 5/);
    assert.match(messages(adverseEventSchema.safeParse(form({ seriousDeath: true }))).ctcaeGrade![0]!, /^CTCAE grade must be 5/);
  });

  test('a death date sent along is a past date, not before onset', () => {
    assert.equal(adverseEventSchema.parse(form({ ...fatal, deathDate: '2024-05-10' })).deathDate, '2024-05-10');
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ ...fatal, deathDate: '2024-04-01' }))).deathDate, ['Death date cannot be before the onset date']);
    assert.deepEqual(messages(adverseEventSchema.safeParse(form({ ...fatal, deathDate: 'soon' }))).deathDate, ['Death date must be a date (YYYY-MM-DD)']);
  });

  test('a checkbox with a strange value is refused by name', () => {
    assert.match(messages(adverseEventSchema.safeParse(form({ seriousDisability: 'maybe' }))).seriousDisability![0]!, /^Serious: persistent or significant disability/);
  });
});

describe('edit, review and void schemas', () => {
  test('an edit needs a reason and the version it was opened at', () => {
    const m = messages(adverseEventEditSchema.safeParse(form({ reason: '', version: '' })));
    assert.ok(m.reason);
    assert.ok(m.version);
    const v = adverseEventEditSchema.parse(form({ reason: 'Grade corrected', version: '3' }));
    assert.equal(v.version, 3);
    assert.equal(v.reason, 'Grade corrected');
  });

  test('the edit schema checks the same consistency rules', () => {
    assert.match(messages(adverseEventEditSchema.safeParse(form({ ctcaeGrade: '5', reason: 'Died', version: '1' }))).outcome![0]!, /fatal/);
  });

  test('a review needs a comment of at most 1000 characters and a version', () => {
    assert.deepEqual(messages(adverseEventReviewSchema.safeParse({ comment: ' ', version: '1' })).comment, ['Review comment is required']);
    assert.deepEqual(messages(adverseEventReviewSchema.safeParse({ comment: 'x'.repeat(1001), version: '1' })).comment, ['Review comment must be at most 1000 characters']);
    assert.deepEqual(adverseEventReviewSchema.parse({ comment: ' Source documents checked ', version: '2' }), { comment: 'Source documents checked', version: 2 });
  });

  test('a void needs a reason and a version', () => {
    assert.match(messages(voidSchema.safeParse({ reason: '', version: '1' })).reason![0]!, /reason for voiding/);
    assert.ok(messages(voidSchema.safeParse({ reason: 'Entered twice', version: '0' })).version);
    assert.deepEqual(voidSchema.parse({ reason: 'Entered twice', version: '4' }), { reason: 'Entered twice', version: 4 });
  });
});
