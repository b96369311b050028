import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hostileQuery, noNul } from '@/test-support/hostile-values';
import { queryValues } from './query-string';

// The listings' query strings are typed by hand into the address bar as often as built by the
// page: whatever arrives, the values come out as strings, and no NUL reaches the database.
// The listings' filters read from them are tested in server/review/filters.test.ts.

describe('query strings from the address bar', () => {
  test('queryValues keeps the first of repeated keys and drops values holding a NUL', () => {
    assert.deepEqual(queryValues({ site: ['NORD', 'SUD'], q: 'a\u0000', grade: '3', none: undefined, empty: [] }), { site: 'NORD', grade: '3' });
    fc.assert(
      fc.property(hostileQuery, (raw) => {
        for (const [k, v] of Object.entries(queryValues(raw))) {
          assert.equal(typeof v, 'string');
          assert.ok(noNul(v));
          assert.equal(v, Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
