import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureDelayMs, signInKey } from './policy';

test('failed sign-ins are answered more and more slowly', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 10].map(failureDelayMs), [0, 500, 1000, 2000, 4000, 8000, 8000]);
});

test('one key per address, whatever its case and spaces', () => {
  assert.equal(signInKey('  Clinician@Demo.TEST '), 'clinician@demo.test');
  assert.equal(signInKey(undefined), '');
});
