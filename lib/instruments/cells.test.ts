import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { differsFromTyped, fillEmptyCells, isCompleteEntry, missingSummary, rangeText, readCell, readDraft, type CellSpec } from './cells';

const erythema: CellSpec = { id: 'scalp.erythema', label: 'Scalp erythema', max: 3 };
const deltoid: CellSpec = { id: 'right.deltoid', label: 'Deltoid right', max: 10, trace: true };

describe('readCell', () => {
  test('an empty or blank cell is empty, not 0', () => {
    assert.deepEqual(readCell(erythema, ''), { state: 'empty' });
    assert.deepEqual(readCell(erythema, '   '), { state: 'empty' });
  });

  test('a whole number within the cell’s own range is its value', () => {
    for (const [text, value] of [['0', 0], ['3', 3], [' 2 ', 2]] as const) assert.deepEqual(readCell(erythema, text), { state: 'ok', value });
    assert.deepEqual(readCell(deltoid, '10'), { state: 'ok', value: 10 });
  });

  test('a value out of range names the cell and its own range', () => {
    assert.deepEqual(readCell(erythema, '5'), { state: 'wrong', message: 'Scalp erythema: 0 to 3' });
    assert.deepEqual(readCell(deltoid, '11'), { state: 'wrong', message: 'Deltoid right: 0 to 10 or T' });
  });

  test('fractions, signs, letters and trace where there is none are wrong', () => {
    for (const text of ['2.5', '-1', '+1', '1e0', 'abc', 'T', 't', '0x1', '٣'])
      assert.equal(readCell(erythema, text).state, 'wrong', text);
    for (const text of ['trace', 'TT', '10.0', '-0']) assert.equal(readCell(deltoid, text).state, 'wrong', text);
  });

  test("an MMT8 grade takes T or t for trace, kept as 'T'", () => {
    assert.deepEqual(readCell(deltoid, 'T'), { state: 'ok', value: 'T' });
    assert.deepEqual(readCell(deltoid, ' t '), { state: 'ok', value: 'T' });
  });

  test('rangeText says the range the messages use', () => {
    assert.equal(rangeText(erythema), '0 to 3');
    assert.equal(rangeText(deltoid), '0 to 10 or T');
  });
});

describe('isCompleteEntry', () => {
  test('every value of a 0–3 cell is complete after one digit', () => {
    for (const t of ['0', '1', '2', '3']) assert.equal(isCompleteEntry(erythema, t), true, t);
  });

  test('a wrong or empty cell is never complete', () => {
    for (const t of ['', '4', '9', 'x']) assert.equal(isCompleteEntry(erythema, t), false, t);
  });

  test('on the 0–10 scale a 1 waits for a possible 0, the other grades are complete', () => {
    assert.equal(isCompleteEntry(deltoid, '1'), false);
    for (const t of ['0', '2', '9', '10', 'T', 't']) assert.equal(isCompleteEntry(deltoid, t), true, t);
  });
});

describe('readDraft and fillEmptyCells', () => {
  const specs = [erythema, { id: 'scalp.scale', label: 'Scalp scale', max: 2 }, { id: 'scalp.erosion', label: 'Scalp erosion', max: 1 }];

  test('sorts the cells into values, wrong cells with their messages, and empty cells in order', () => {
    const r = readDraft(specs, { 'scalp.erythema': '5', 'scalp.scale': '2' });
    assert.deepEqual([...r.values], [['scalp.scale', 2]]);
    assert.deepEqual(r.wrong, [{ id: 'scalp.erythema', label: 'Scalp erythema', message: 'Scalp erythema: 0 to 3' }]);
    assert.deepEqual(r.empty, ['scalp.erosion']);
  });

  test('filling sets only the empty cells to 0 and keeps wrong ones for the user to fix', () => {
    const filled = fillEmptyCells(specs, { 'scalp.erythema': '5', 'scalp.scale': ' ' });
    assert.deepEqual(filled, { 'scalp.erythema': '5', 'scalp.scale': '0', 'scalp.erosion': '0' });
  });
});

describe('differsFromTyped', () => {
  test('an empty typed total never needs asking', () => {
    assert.equal(differsFromTyped('', 13), false);
    assert.equal(differsFromTyped(null, 13), false);
    assert.equal(differsFromTyped('  ', 0), false);
  });

  test('the same number does not differ, another number or text does', () => {
    assert.equal(differsFromTyped('13', 13), false);
    assert.equal(differsFromTyped(' 13 ', 13), false);
    assert.equal(differsFromTyped('20', 13), true);
    assert.equal(differsFromTyped('abc', 13), true);
  });
});

describe('missingSummary', () => {
  test('says how many cells are empty and how many are wrong', () => {
    assert.equal(missingSummary({ empty: 78, wrong: 1, of: 80, noun: 'cell' }), '78 of 80 cells empty, 1 out of range');
    assert.equal(missingSummary({ empty: 14, wrong: 0, of: 15, noun: 'grade' }), '14 of 15 grades empty');
    assert.equal(missingSummary({ empty: 0, wrong: 2, of: 15, noun: 'grade' }), '2 out of range');
  });
});
