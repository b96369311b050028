import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor, patientListQuery, visitListQuery } from './list';

const ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98';

describe('list queries of /api/v1', () => {
  test('a cursor is opaque and round-trips to the id it was made from; anything else is refused', () => {
    const cursor = encodeCursor(ID);
    assert.doesNotMatch(cursor, /[-]{1}8f7e/);
    assert.equal(decodeCursor(cursor), ID);
    assert.equal(decodeCursor(ID), null);
    assert.equal(decodeCursor(Buffer.from('v1:not-a-uuid').toString('base64url')), null);
    assert.equal(decodeCursor('%%%'), null);
  });

  test('limit defaults to 100, takes 1 to 1000 or all, and names itself when wrong', () => {
    assert.equal(patientListQuery.parse({}).limit, DEFAULT_LIMIT);
    assert.equal(patientListQuery.parse({ limit: '1000' }).limit, 1000);
    assert.equal(patientListQuery.parse({ limit: 'all' }).limit, 'all');
    for (const limit of ['0', '1001', '-1', '2.5', 'many', ' 5'])
      assert.match(patientListQuery.safeParse({ limit }).error?.issues[0]?.message ?? '', /^limit must be a whole number from 1 to 1000, or all$/, limit);
  });

  test('the cursor parses to the id after which the page starts', () => {
    assert.equal(visitListQuery.parse({ cursor: encodeCursor(ID) }).cursor, ID);
    assert.equal(visitListQuery.parse({}).cursor, null);
    assert.match(visitListQuery.safeParse({ cursor: 'abc' }).error?.issues[0]?.message ?? '', /cursor is not one this API answered/);
  });

  test('filters are checked: ids, dates and instants', () => {
    assert.match(visitListQuery.safeParse({ patientId: 'x' }).error?.issues[0]?.message ?? '', /patientId must be a record id/);
    assert.match(visitListQuery.safeParse({ from: '2024-13-01' }).error?.issues[0]?.message ?? '', /from must be a date/);
    assert.match(visitListQuery.safeParse({ updatedSince: 'yesterday' }).error?.issues[0]?.message ?? '', /updatedSince must be an ISO 8601/);
    const parsed = visitListQuery.parse({ updatedSince: '2025-01-31T12:00:00Z', from: '2024-01-01', cohort: 'DEMO-JAKI' });
    assert.deepEqual(parsed.updatedSince, new Date('2025-01-31T12:00:00Z'));
    assert.equal(parsed.from, '2024-01-01');
  });

  test('an unknown parameter is refused rather than ignored (a misspelt filter would answer everything)', () => {
    assert.equal(visitListQuery.safeParse({ cohrt: 'DEMO-JAKI' }).error?.issues[0]?.code, 'unrecognized_keys');
  });
});
