import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportCache } from './report-cache';

test('a cached report is served only at the data version it was computed at', () => {
  const cache = new ReportCache<string>(4);
  cache.set('A', '10', 'report at 10');
  assert.equal(cache.get('A', '10'), 'report at 10');
  assert.equal(cache.get('A', '11'), undefined);
  assert.equal(cache.get('B', '10'), undefined);
});

test('the least recently used report leaves first when the cache is full', () => {
  const cache = new ReportCache<string>(2);
  cache.set('A', '1', 'a');
  cache.set('B', '1', 'b');
  cache.get('A', '1');
  cache.set('C', '1', 'c');
  assert.equal(cache.get('A', '1'), 'a');
  assert.equal(cache.get('B', '1'), undefined);
  assert.equal(cache.get('C', '1'), 'c');
});

test('the latest entry is given whatever its version, and counts as used', () => {
  const cache = new ReportCache<string>(2);
  cache.set('A', '1', 'a');
  cache.set('B', '1', 'b');
  assert.deepEqual(cache.latest('A'), { version: '1', value: 'a' });
  assert.equal(cache.latest('C'), undefined);
  cache.set('C', '2', 'c');
  assert.equal(cache.get('A', '1'), 'a');
  assert.equal(cache.get('B', '1'), undefined);
});
