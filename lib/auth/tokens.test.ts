import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTokenSchema } from '@/lib/schemas/token';
import { bearerSecret, scopeFor, tokenHint } from './tokens';

const SECRET = 'dmj_' + 'aB3_-'.repeat(8) + 'xyz';

test('a bearer header gives our secret, no header nothing, anything else is malformed', () => {
  assert.equal(SECRET.length, 47);
  assert.equal(bearerSecret(`Bearer ${SECRET}`), SECRET);
  assert.equal(bearerSecret(`bearer   ${SECRET} `), SECRET);
  assert.equal(bearerSecret(null), null);
  for (const header of ['', 'Basic dXNlcjpwdw==', `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, 'Bearer ghp_' + 'a'.repeat(43), `Bearer ${SECRET} extra`, `Token ${SECRET}`])
    assert.equal(bearerSecret(header), 'malformed', header);
});

test('reading methods need read, every other write', () => {
  assert.deepEqual(['GET', 'head', 'OPTIONS', 'POST', 'PATCH', 'PUT', 'DELETE'].map(scopeFor), ['read', 'read', 'read', 'write', 'write', 'write', 'write']);
});

test('the hint is the prefix and four characters', () => {
  assert.equal(tokenHint(SECRET), 'dmj_aB3_');
});

test('a new token names its field when wrong: name, scopes, days up to a year', () => {
  const problems = (values: unknown) => {
    const r = newTokenSchema.safeParse(values);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  assert.deepEqual(newTokenSchema.parse({ name: '  nightly  ', scopes: ['write', 'read'], days: '365' }), { name: 'nightly', scopes: ['read', 'write'], days: 365 });
  assert.deepEqual(problems({ name: 'x', scopes: [], days: '366' }), {
    name: 'Name must be 2 to 60 characters',
    scopes: 'Choose what the token may do: read, or read and write',
    days: 'Days must be between 1 and 365',
  });
  assert.deepEqual(problems({ name: 'ok name', scopes: ['admin'], days: '1.5' }), {
    scopes: 'Choose what the token may do: read, or read and write',
    days: 'Days must be a whole number',
  });
  assert.deepEqual(problems({ name: 'ok name', scopes: ['read'], days: '' }), { days: 'Days is required' });
  assert.equal(newTokenSchema.safeParse(null).error?.issues[0]?.message, 'The form was not sent as expected: reload the page and try again');
});
