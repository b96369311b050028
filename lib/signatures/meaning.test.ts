import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureText, validityText } from './meaning';

test('a signature reads with its meaning, printed name and UTC time', () => {
  const signedAt = new Date('2026-12-02T13:05:59Z');
  assert.equal(signatureText({ meaning: 'reviewed_and_approved', signerName: 'Claire Martin', signedAt }), 'Reviewed and approved by Claire Martin, 2026-12-02 13:05 UTC');
});

test('an invalid signature says when the content changed', () => {
  assert.equal(validityText({ valid: true, changedAt: null }), 'signature valid');
  assert.equal(validityText({ valid: false, changedAt: new Date('2026-12-03T08:00:00Z') }), 'signature no longer valid: changed on 2026-12-03 08:00 UTC');
  assert.equal(validityText({ valid: false, changedAt: null }), 'signature no longer valid: the signed content changed');
});
