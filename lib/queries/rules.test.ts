import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageInDays, fieldLabel, mayTake, nextState, queryFields } from './rules';

test('a query goes open → answered → closed, and back to open from answered or closed', () => {
  assert.deepEqual(nextState('open', 'answer'), { to: 'answered' });
  assert.deepEqual(nextState('answered', 'close'), { to: 'closed' });
  assert.deepEqual(nextState('answered', 'reopen'), { to: 'open' });
  assert.deepEqual(nextState('closed', 'reopen'), { to: 'open' });
  assert.deepEqual(nextState('open', 'close'), { to: 'closed' });
});

test('a step the state does not allow is refused with a sentence saying so', () => {
  const refused = nextState('answered', 'answer');
  assert.ok('refused' in refused && /answered.*cannot be answered now.*Nothing was saved/.test(refused.refused));
  assert.ok('refused' in nextState('closed', 'close'));
  assert.ok('refused' in nextState('open', 'reopen'));
});

test('clinicians and coordinators answer; only the raiser closes or sends back', () => {
  const query = { state: 'answered' as const, raisedBy: 'u-auditor' };
  assert.equal(mayTake('answer', { role: 'clinician', userId: 'u1' }, { ...query, state: 'open' }), true);
  assert.equal(mayTake('answer', { role: 'auditor', userId: 'u-auditor' }, { ...query, state: 'open' }), false);
  assert.equal(mayTake('close', { role: 'auditor', userId: 'u-auditor' }, query), true);
  assert.equal(mayTake('close', { role: 'auditor', userId: 'u-other' }, query), false);
  assert.equal(mayTake('close', { role: 'clinician', userId: 'u-auditor' }, query), false);
  assert.equal(mayTake('reopen', { role: 'coordinator', userId: 'u-auditor' }, query), true);
});

test('the fields a query names are the record’s field table, without a calculator’s item grid', () => {
  const keys = queryFields('visit').map((f) => f.key);
  assert.ok(keys.includes('ckUL') && keys.includes('cdasiActivity') && keys.includes('visitDate'));
  assert.ok(!keys.includes('cdasiItems') && !keys.includes('mmt8Items'));
  assert.equal(fieldLabel('visit', 'ckUL'), 'CK (U/L)');
  assert.equal(fieldLabel('adverse_event', 'term'), queryFields('adverse_event').find((f) => f.key === 'term')!.label);
  assert.equal(fieldLabel('visit', 'gone'), 'gone');
});

test('a query’s age is whole days', () => {
  assert.equal(ageInDays(new Date('2025-03-01T10:00:00Z'), new Date('2025-03-08T09:59:00Z')), 6);
  assert.equal(ageInDays(new Date('2025-03-01T10:00:00Z'), new Date('2025-03-08T10:00:00Z')), 7);
});
