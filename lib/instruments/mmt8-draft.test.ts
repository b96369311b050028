import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fillEmptyCells } from './cells';
import { MMT8_BILATERAL, mmt8Total, uniformMmt8Items, type KendallGrade, type Mmt8Items } from './mmt8';
import { MMT8_CELLS, mmt8DraftOf, readMmt8Draft } from './mmt8-draft';

const grade: fc.Arbitrary<KendallGrade> = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant('T' as const));
// Stored items come from JSON: plain objects, as fast-check makes with this option.
const plain = { noNullPrototype: true };
const side = fc.record(Object.fromEntries(MMT8_BILATERAL.map((g) => [g.key, grade])), plain) as fc.Arbitrary<Mmt8Items['right']>;
const mmt8Items: fc.Arbitrary<Mmt8Items> = fc.record({ neckFlexors: grade, right: side, left: side }, plain);

const wrongText = fc.oneof(fc.integer({ min: 11, max: 999 }).map(String), fc.constantFrom('-1', '9.5', 'trace', 'x', '1 0'));
const cellText = fc.oneof(fc.integer({ min: 0, max: 10 }).map(String), fc.constantFrom('T', 't', '', ' '), wrongText);
const texts = fc.record(Object.fromEntries(MMT8_CELLS.map((s) => [s.id, cellText])));

describe('the MMT8 cells', () => {
  test('are 15: neck flexors once, then each group right then left', () => {
    assert.equal(MMT8_CELLS.length, 15);
    assert.deepEqual(
      MMT8_CELLS.slice(0, 5).map((c) => c.label),
      ['Neck flexors', 'Deltoid right', 'Deltoid left', 'Biceps right', 'Biceps left'],
    );
    assert.ok(MMT8_CELLS.every((c) => c.max === 10 && c.trace));
  });
});

describe('the MMT8 draft', () => {
  test('a new calculator has 15 empty grades, no total, and never a default of 10', () => {
    const r = readMmt8Draft(mmt8DraftOf(null));
    assert.equal(r.items, null);
    assert.equal(r.empty.length, 15);
    assert.equal(r.partial, 0);
  });

  test('a grade of 11 is named with its range and not added', () => {
    const r = readMmt8Draft({ neckFlexors: '9', 'right.deltoid': '11' });
    assert.deepEqual(r.wrong.map((w) => w.message), ['Deltoid right: 0 to 10 or T']);
    assert.equal(r.partial, 9);
    assert.equal(r.empty.length, 13);
  });

  test("t is read as trace: 'T' in the items, 0 in the total", () => {
    const r = readMmt8Draft({ ...mmt8DraftOf(uniformMmt8Items(10)), 'left.quadriceps': 't' });
    assert.equal(r.items?.left.quadriceps, 'T');
    assert.equal(r.partial, 140);
  });

  test('items → draft → items gives the same items, trace kept (property)', () => {
    fc.assert(
      fc.property(mmt8Items, (items) => {
        assert.deepEqual(readMmt8Draft(mmt8DraftOf(items)).items, items);
      }),
      { numRuns: 500 },
    );
  });

  test('a wrong grade never changes the total: it counts as if empty, and blocks the items (property)', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 14 }), wrongText, (t, i, text) => {
        const spec = MMT8_CELLS[i]!;
        const withWrong = readMmt8Draft({ ...t, [spec.id]: text });
        const withEmpty = readMmt8Draft({ ...t, [spec.id]: '' });
        assert.equal(withWrong.partial, withEmpty.partial);
        assert.equal(withWrong.items, null);
        assert.ok(withWrong.wrong.some((w) => w.id === spec.id && w.message === `${spec.label}: 0 to 10 or T`));
      }),
      { numRuns: 500 },
    );
  });

  test('a complete draft totals exactly its items (property)', () => {
    fc.assert(
      fc.property(texts, (t) => {
        const r = readMmt8Draft(fillEmptyCells(MMT8_CELLS, t));
        assert.deepEqual(r.empty, []);
        if (r.items) assert.equal(mmt8Total(r.items), r.partial);
        else assert.ok(r.wrong.length > 0);
      }),
      { numRuns: 500 },
    );
  });
});
