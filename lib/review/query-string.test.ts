import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AE_CATEGORIES } from '@/lib/codes';
import { isIsoDate } from '@/lib/dates';
import { hostileString } from '@/test-support/hostile-values';
import { parseAeQuery } from './ae-filters';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, parseAuditQuery } from './audit-filters';
import { queryValues, type RawQuery } from './query-string';

// The listings' query strings are typed by hand into the address bar as often as built by the
// page: whatever arrives, the filters come out well-formed, and no NUL reaches the database.

const KEYS = ['site', 'category', 'grade', 'serious', 'special', 'from', 'to', 'reviewed', 'sort', 'dir', 'user', 'entity', 'record', 'action', 'page', 'q'];
const rawQuery: fc.Arbitrary<RawQuery> = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEYS), fc.string()),
  fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), fc.constant(undefined), fc.constantFrom('2024-01-31', 'herpes_zoster', '3', 'yes', 'desc')),
);
const ACCESS = { userId: 'u1', name: 'A', email: 'a@x.test', role: 'auditor' as const, siteIds: ['s1'] };
const noNul = (v: unknown) => typeof v !== 'string' || !v.includes('\u0000');

describe('query strings from the address bar', () => {
  test('queryValues keeps the first of repeated keys and drops values holding a NUL', () => {
    assert.deepEqual(queryValues({ site: ['NORD', 'SUD'], q: 'a\u0000', grade: '3', none: undefined, empty: [] }), { site: 'NORD', grade: '3' });
    fc.assert(
      fc.property(rawQuery, (raw) => {
        for (const [k, v] of Object.entries(queryValues(raw))) {
          assert.equal(typeof v, 'string');
          assert.ok(noNul(v));
          assert.equal(v, Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the adverse-event listing filters are always well-formed', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const { filters, sort } = parseAeQuery(queryValues(raw));
        assert.ok(filters.category === undefined || (AE_CATEGORIES as readonly string[]).includes(filters.category));
        assert.ok(filters.grade === undefined || (Number.isInteger(filters.grade) && filters.grade >= 1 && filters.grade <= 5));
        for (const d of [filters.from, filters.to]) assert.ok(d === undefined || isIsoDate(d));
        for (const b of [filters.serious, filters.specialInterest, filters.reviewed]) assert.ok(b === undefined || typeof b === 'boolean');
        assert.ok(noNul(filters.siteCode));
        assert.ok(['onset', 'grade', 'patient', 'category', 'site'].includes(sort.key));
        assert.ok(sort.dir === 'asc' || sort.dir === 'desc');
      }),
      { numRuns: 300 },
    );
  });

  test('the audit trail filters are always well-formed and keep to the auditor\'s sites', () => {
    fc.assert(
      fc.property(rawQuery, (raw) => {
        const f = parseAuditQuery(queryValues(raw), ACCESS);
        assert.ok(f.entity === undefined || (AUDIT_ENTITIES as readonly string[]).includes(f.entity));
        assert.ok(f.action === undefined || (AUDIT_ACTIONS as readonly string[]).includes(f.action));
        for (const d of [f.from, f.to]) assert.ok(d === undefined || isIsoDate(d));
        assert.ok(noNul(f.actorId) && noNul(f.entityId));
        assert.deepEqual(f.siteIds, ['s1']);
      }),
      { numRuns: 300 },
    );
  });

  test('a repeated key no longer breaks the audit trail (it called .trim() on an array)', () => {
    const f = parseAuditQuery(queryValues({ record: [' abc ', 'def'] }), ACCESS);
    assert.equal(f.entityId, 'abc');
  });
});
