import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CDASI_LOCATIONS, cdasiScores, maximalCdasiItems, type CdasiItems } from './cdasi';
import { CDASI_CELLS, cdasiDraftOf, emptyCdasiDraft, readCdasiDraft, type CdasiDraft } from './cdasi-draft';
import { fillEmptyCells, type CellSpec } from './cells';

const int = (max: number) => fc.integer({ min: 0, max });
// Stored items come from JSON: plain objects, as fast-check makes with this option.
const plain = { noNullPrototype: true };
const location = fc.record({ erythema: int(3), scale: int(2), erosion: int(1), poikiloderma: int(1), calcinosis: int(1) }, plain);
const cdasiItems: fc.Arbitrary<CdasiItems> = fc.record({
  locations: fc.record(Object.fromEntries(CDASI_LOCATIONS.map((l) => [l.key, location])), plain) as fc.Arbitrary<CdasiItems['locations']>,
  gottronHands: fc.record({ erythema: int(3), papules: fc.boolean(), ulceration: int(1), damage: int(2) }, plain),
  periungual: int(2),
  hairLoss: int(1),
}, plain);

/** A text that is wrong for the cell: above its range, negative, fractional or not a number. */
const wrongText = (spec: CellSpec) =>
  fc.oneof(
    fc.integer({ min: spec.max + 1, max: 999 }).map(String),
    fc.integer({ min: -99, max: -1 }).map(String),
    fc.constantFrom('1.5', 'x', 'T', '2a', '--'),
  );
const cellText = (spec: CellSpec) => fc.oneof(int(spec.max).map(String), fc.constantFrom('', ' '), wrongText(spec));
const draft: fc.Arbitrary<CdasiDraft> = fc.record({
  texts: fc.record(Object.fromEntries(CDASI_CELLS.map((s) => [s.id, cellText(s)]))),
  papules: fc.boolean(),
});
const cellIndex = fc.integer({ min: 0, max: CDASI_CELLS.length - 1 });

describe('the CDASI cells', () => {
  test('are 80, each once: five per location, then the hand, nail and hair items', () => {
    assert.equal(CDASI_CELLS.length, 15 * 5 + 5);
    assert.equal(new Set(CDASI_CELLS.map((c) => c.id)).size, CDASI_CELLS.length);
  });

  test('run row by row: erythema, scale, erosion, poikiloderma, calcinosis, then the next location', () => {
    assert.deepEqual(
      CDASI_CELLS.slice(0, 6).map((c) => `${c.label} 0–${c.max}`),
      ['Scalp erythema 0–3', 'Scalp scale 0–2', 'Scalp erosion 0–1', 'Scalp poikiloderma 0–1', 'Scalp calcinosis 0–1', 'Cheeks (malar) erythema 0–3'],
    );
    assert.deepEqual(
      CDASI_CELLS.slice(-5).map((c) => `${c.label} 0–${c.max}`),
      ["Gottron's on the hands erythema 0–3", "Gottron's on the hands ulceration 0–1", "Gottron's on the hands damage 0–2", 'Periungual changes 0–2', 'Recent hair loss 0–1'],
    );
  });
});

describe('the CDASI draft', () => {
  test('a new calculator has every cell empty, no total and nothing scored', () => {
    const r = readCdasiDraft(emptyCdasiDraft());
    assert.equal(r.items, null);
    assert.equal(r.empty.length, 80);
    assert.deepEqual(r.partial, { activity: 0, damage: 0 });
  });

  test('erythema 5 in a 0–3 cell is named with its range and not added', () => {
    const r = readCdasiDraft({ texts: { 'scalp.erythema': '5', 'scalp.scale': '2' }, papules: false });
    assert.deepEqual(r.wrong.map((w) => w.message), ['Scalp erythema: 0 to 3']);
    assert.deepEqual(r.partial, { activity: 2, damage: 0 });
    assert.equal(r.items, null);
  });

  test('counting the empty cells as 0 completes a draft with nothing wrong', () => {
    const texts = fillEmptyCells(CDASI_CELLS, { 'malar.erythema': '2', 'gottronHands.erythema': '2' });
    const r = readCdasiDraft({ texts, papules: true });
    assert.deepEqual(r.empty, []);
    assert.ok(r.items);
    assert.deepEqual(cdasiScores(r.items), { activity: 6, damage: 0 });
  });

  test('the maximal form reads back as activity 100 and damage 32', () => {
    assert.deepEqual(readCdasiDraft(cdasiDraftOf(maximalCdasiItems())).partial, { activity: 100, damage: 32 });
  });

  test('items → draft → items gives the same items (property)', () => {
    fc.assert(
      fc.property(cdasiItems, (items) => {
        assert.deepEqual(readCdasiDraft(cdasiDraftOf(items)).items, items);
      }),
      { numRuns: 500 },
    );
  });

  test('a wrong cell never changes the total: it counts as if empty, and blocks the items (property)', () => {
    fc.assert(
      fc.property(
        draft,
        cellIndex.chain((i) => fc.tuple(fc.constant(CDASI_CELLS[i]!), wrongText(CDASI_CELLS[i]!))),
        (d, [spec, text]) => {
          const withWrong = readCdasiDraft({ ...d, texts: { ...d.texts, [spec.id]: text } });
          const withEmpty = readCdasiDraft({ ...d, texts: { ...d.texts, [spec.id]: '' } });
          assert.deepEqual(withWrong.partial, withEmpty.partial);
          assert.equal(withWrong.items, null);
          assert.ok(withWrong.wrong.some((w) => w.id === spec.id && w.message === `${spec.label}: 0 to ${spec.max}`));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a complete draft scores exactly its items, and the counts add up to 80 (property)', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const r = readCdasiDraft(d);
        const blank = CDASI_CELLS.filter((s) => (d.texts[s.id] ?? '').trim() === '').map((s) => s.id);
        assert.deepEqual(r.empty, blank);
        if (r.items) assert.deepEqual(cdasiScores(r.items), r.partial);
        else assert.ok(r.wrong.length + r.empty.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  test('filling empties as 0 leaves the partial total and the wrong cells as they were (property)', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const before = readCdasiDraft(d);
        const after = readCdasiDraft({ ...d, texts: fillEmptyCells(CDASI_CELLS, d.texts) });
        assert.deepEqual(after.partial, before.partial);
        assert.deepEqual(after.wrong, before.wrong);
        assert.deepEqual(after.empty, []);
      }),
      { numRuns: 300 },
    );
  });
});
