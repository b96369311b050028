import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VISIT_FIELDS } from './fields';
import { recordsNoMeasure } from './no-measure';

const blank = Object.fromEntries(VISIT_FIELDS.map((f) => [f.key, '']));
const prefilled = { ...blank, jakiDoseMgDay: '4' };

describe('recordsNoMeasure', () => {
  test('a form left as it opened, or emptied, records no measure', () => {
    assert.equal(recordsNoMeasure(prefilled, prefilled), true);
    assert.equal(recordsNoMeasure(blank, prefilled), true);
    assert.equal(recordsNoMeasure({ ...prefilled, cdasiActivity: '  ', mmt8: undefined, ck: null }, prefilled), true);
  });

  test('the carried dose changed is a measure', () => {
    assert.equal(recordsNoMeasure({ ...prefilled, jakiDoseMgDay: '2' }, prefilled), false);
  });

  test('any field of the table filled in is a measure, "no" and "none" too', () => {
    for (const f of VISIT_FIELDS) {
      const value = f.kind === 'code' ? f.codes[0] : f.kind === 'yesno' ? 'no' : '0';
      assert.equal(recordsNoMeasure({ ...prefilled, [f.key]: value }, prefilled), false, f.key);
    }
    assert.equal(recordsNoMeasure({ ...prefilled, ivig: 'none' }, prefilled), false);
  });

  test('a dose typed when none was carried is a measure', () => {
    assert.equal(recordsNoMeasure({ ...blank, jakiDoseMgDay: '4' }, blank), false);
  });
});
