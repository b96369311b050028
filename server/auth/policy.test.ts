import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authPolicy } from './policy';

test('the defaults: 30 minutes idle, 12 hours at most, 5 failures lock for 15 minutes', () => {
  assert.deepEqual(authPolicy({}), { idleMinutes: 30, maxSessionHours: 12, maxFailures: 5, lockMinutes: 15 });
});

test('the environment sets each rule; nonsense is refused by name, a blank value is unset', () => {
  const policy = authPolicy({ SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '8', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_LOCK_MINUTES: '60' });
  assert.deepEqual(policy, { idleMinutes: 5, maxSessionHours: 8, maxFailures: 3, lockMinutes: 60 });
  assert.throws(() => authPolicy({ SESSION_IDLE_MINUTES: 'soon' }), /SESSION_IDLE_MINUTES must be a number of minutes above 0/);
  assert.throws(() => authPolicy({ SIGN_IN_MAX_FAILURES: '-1' }), /SIGN_IN_MAX_FAILURES must be a whole number/);
  assert.deepEqual(authPolicy({ SIGN_IN_LOCK_MINUTES: '' }), authPolicy({}));
});
