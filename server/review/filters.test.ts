import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/db/schema/audit';
import { AE_CATEGORIES } from '@/lib/codes';
import { isIsoDate } from '@/lib/dates';
import { queryValues } from '@/lib/review/query-string';
import { hostileQuery, noNul } from '@/test-support/hostile-values';
import { parseAeQuery } from './ae-filters';
import { dateRangeProblem, parseAuditQuery, patientFilterProblem } from './audit-filters';

// The listings' filters from query strings typed by hand into the address bar: whatever
// arrives, the filters come out well-formed, and no NUL reaches the database.

const ACCESS = { userId: 'u1', name: 'A', email: 'a@x.test', role: 'auditor' as const, siteIds: ['s1'] };

describe('listing filters from the address bar', () => {
  test('the adverse-event listing filters are always well-formed', () => {
    fc.assert(
      fc.property(hostileQuery, (raw) => {
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
      fc.property(hostileQuery, (raw) => {
        const f = parseAuditQuery(queryValues(raw), ACCESS);
        assert.ok(f.entity === undefined || (AUDIT_ENTITIES as readonly string[]).includes(f.entity));
        assert.ok(f.action === undefined || (AUDIT_ACTIONS as readonly string[]).includes(f.action));
        for (const d of [f.from, f.to]) assert.ok(d === undefined || isIsoDate(d));
        assert.ok(noNul(f.actorId) && noNul(f.entityId));
        assert.ok(f.patientCodePrefix === undefined || /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/.test(f.patientCodePrefix));
        assert.deepEqual(f.siteIds, ['s1']);
      }),
      { numRuns: 300 },
    );
  });

  test('the audit trail filters by patient code when it can be one, and says why not when it cannot', () => {
    assert.equal(parseAuditQuery({ patient: ' PSL-005 ' }, ACCESS).patientCodePrefix, 'PSL-005');
    assert.equal(patientFilterProblem({ patient: ' PSL-005 ' }), null);
    assert.equal(patientFilterProblem({ patient: '' }), null);
    for (const bad of ['PSL 005', 'x', "PSL-005' or 1=1", 'a'.repeat(41)]) {
      assert.equal(parseAuditQuery({ patient: bad }, ACCESS).patientCodePrefix, undefined, bad);
      assert.equal(patientFilterProblem({ patient: bad }), 'Patient code must be 2–40 letters, digits, - or _ (e.g. PSL-005)');
    }
  });

  test('a From date after the To date is named and neither is applied (it matched nothing, without a word)', () => {
    const q = { from: '2026-12-05', to: '2026-12-01' };
    assert.equal(dateRangeProblem(q), 'From (2026-12-05) is after To (2026-12-01)');
    const f = parseAuditQuery(q, ACCESS);
    assert.equal(f.from, undefined);
    assert.equal(f.to, undefined);
    for (const fine of [{ from: '2026-12-01', to: '2026-12-01' }, { from: '2026-12-01', to: '2026-12-05' }, { from: '2026-12-05' }, { from: '2026-12-05', to: '2026-02-30' }]) {
      assert.equal(dateRangeProblem(fine), null, JSON.stringify(fine));
      assert.equal(parseAuditQuery(fine, ACCESS).from, fine.from);
    }
  });

  test("the audit trail filters by one action's correlation id, and ignores anything else", () => {
    const id = '0b7c3d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    assert.equal(parseAuditQuery({ correlation: id.toUpperCase() }, ACCESS).correlationId, id);
    assert.equal(parseAuditQuery({ correlation: 'nope' }, ACCESS).correlationId, undefined);
  });

  test('a repeated key no longer breaks the audit trail (it called .trim() on an array)', () => {
    const f = parseAuditQuery(queryValues({ record: [' abc ', 'def'] }), ACCESS);
    assert.equal(f.entityId, 'abc');
  });
});
