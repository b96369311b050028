import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterDate, normalizeDateEntry } from './date-entry';

describe('normalizeDateEntry', () => {
  test('eight digits become an ISO date', () => {
    assert.equal(normalizeDateEntry('20240122'), '2024-01-22');
  });

  test('an ISO date stays as it is', () => {
    assert.equal(normalizeDateEntry('2024-01-22'), '2024-01-22');
  });

  test('slashes, dots and single-digit months or days are written the ISO way', () => {
    assert.equal(normalizeDateEntry('2024/01/22'), '2024-01-22');
    assert.equal(normalizeDateEntry('2024.1.5'), '2024-01-05');
    assert.equal(normalizeDateEntry('2024-1-05'), '2024-01-05');
  });

  test('spaces around the date are dropped', () => {
    assert.equal(normalizeDateEntry(' 20240122 '), '2024-01-22');
    assert.equal(normalizeDateEntry('   '), '');
  });

  test('an impossible date is rewritten but left for the schema to refuse', () => {
    assert.equal(normalizeDateEntry('20241345'), '2024-13-45');
  });

  test('anything that is not year, month, day is left as typed', () => {
    for (const text of ['22/01/2024', '2024012', '202401221', '2024-01', 'soon', '01/22/2024']) {
      assert.equal(normalizeDateEntry(text), text);
    }
  });
});

describe('filterDate', () => {
  test('a date typed any accepted way filters by its ISO form', () => {
    assert.equal(filterDate('20240122'), '2024-01-22');
    assert.equal(filterDate('2024/1/22'), '2024-01-22');
  });

  test('a blank, missing or impossible date filters nothing', () => {
    for (const text of [undefined, '', ' ', '2024-02-30', 'yesterday']) assert.equal(filterDate(text), undefined);
  });
});
