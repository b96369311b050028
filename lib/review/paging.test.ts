import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageOf } from './paging';

test('a page is the slice asked for, within the list', () => {
  assert.deepEqual(pageOf(120, '2', 50), { page: 2, pages: 3, from: 50, to: 100 });
  assert.deepEqual(pageOf(120, '3', 50), { page: 3, pages: 3, from: 100, to: 120 });
});

test('a page past the end is the last; anything but a page number is the first', () => {
  assert.deepEqual(pageOf(120, '9', 50), { page: 3, pages: 3, from: 100, to: 120 });
  for (const asked of [undefined, '', '0', '-1', '1.5', 'x', '1e3', '9999999999']) assert.equal(pageOf(120, asked, 50).page, 1, String(asked));
});

test('an empty list has one empty page', () => {
  assert.deepEqual(pageOf(0, '4', 50), { page: 1, pages: 1, from: 0, to: 0 });
});
