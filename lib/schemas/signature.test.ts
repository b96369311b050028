import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messages } from '@/test-support/messages';
import { signSchema } from './signature';

const form = (overrides: Record<string, unknown> = {}) => ({ kind: 'visit', id: 'a-visit', contentHash: 'abc', meaning: 'authored', password: 'pw', ...overrides });

test('a signature needs a meaning from the list and the password', () => {
  assert.equal(signSchema.safeParse(form()).success, true);
  assert.deepEqual(messages(signSchema.safeParse(form({ meaning: null }))), { meaning: ['Meaning is required'] });
  assert.deepEqual(messages(signSchema.safeParse(form({ meaning: '' }))), { meaning: ['Meaning is required'] });
  assert.deepEqual(messages(signSchema.safeParse(form({ meaning: 'approved by proxy' }))), { meaning: ['Meaning must be one of reviewed_and_approved, authored, verified_correct'] });
  assert.deepEqual(messages(signSchema.safeParse(form({ password: '' }))), { password: ['Enter your password to sign'] });
  assert.deepEqual(messages(signSchema.safeParse(form({ kind: 'adverse_event' }))), { kind: ['The record is missing: reload the page'] });
});
