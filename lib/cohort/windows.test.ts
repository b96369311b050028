import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from '@/lib/dates';
import { DEFAULT_REPORT_SETTINGS, selectTimePoints } from './windows';

const START = '2024-01-01';

type V = { visitDate: string; visitType: 'baseline' | 'follow_up'; tag: string };

function baseline(day = 0): V {
  return { visitDate: addDays(START, day), visitType: 'baseline', tag: `b${day}` };
}
function followUp(day: number): V {
  return { visitDate: addDays(START, day), visitType: 'follow_up', tag: `f${day}` };
}
function tags(visits: V[]) {
  const tp = selectTimePoints(START, visits);
  return {
    baseline: tp.baseline?.visit.tag ?? null,
    m3: tp.m3?.visit.tag ?? null,
    m6: tp.m6?.visit.tag ?? null,
    final: tp.final?.visit.tag ?? null,
  };
}

describe('selectTimePoints', () => {
  test('defaults: m3 closest to 91 within 46–136, m6 closest to 182 within 137–227', () => {
    assert.deepEqual(DEFAULT_REPORT_SETTINGS.windows, {
      m3: { target: 91, from: 46, to: 136 },
      m6: { target: 182, from: 137, to: 227 },
    });
  });

  test('picks the follow-up closest to each target and reports days from the JAKi start', () => {
    const tp = selectTimePoints(START, [baseline(-3), followUp(60), followUp(100), followUp(170), followUp(210), followUp(400)]);
    assert.equal(tp.baseline?.day, -3);
    assert.equal(tp.m3?.visit.tag, 'f100'); // 9 days from 91, against 31
    assert.equal(tp.m6?.visit.tag, 'f170'); // 12 days from 182, against 28
    assert.equal(tp.final?.visit.tag, 'f400');
    assert.equal(tp.final?.day, 400);
  });

  test('two visits equally far from day 91 → the earlier one, whatever the input order', () => {
    assert.equal(tags([followUp(101), baseline(), followUp(81)]).m3, 'f81');
    assert.equal(tags([baseline(), followUp(172), followUp(192)]).m6, 'f172');
  });

  test('visits in any order: the earliest baseline, the last follow-up as final', () => {
    assert.deepEqual(tags([followUp(400), baseline(5), followUp(100), baseline(-2), followUp(190)]), { baseline: 'b-2', m3: 'f100', m6: 'f190', final: 'f400' });
  });

  test('two visits on one date count in their input order: the first for a window or the baseline, the second as final', () => {
    const first = { ...followUp(91), tag: 'first' };
    const second = { ...followUp(91), tag: 'second' };
    assert.deepEqual(tags([baseline(), first, second]), { baseline: 'b0', m3: 'first', m6: null, final: 'second' });
    assert.deepEqual(tags([{ ...baseline(), tag: 'b-first' }, { ...baseline(), tag: 'b-second' }]).baseline, 'b-first');
  });

  test('window ends are included; a day outside them is not', () => {
    assert.equal(tags([baseline(), followUp(46)]).m3, 'f46');
    assert.equal(tags([baseline(), followUp(136)]).m3, 'f136');
    assert.equal(tags([baseline(), followUp(45)]).m3, null);
    assert.deepEqual(tags([baseline(), followUp(137)]), { baseline: 'b0', m3: null, m6: 'f137', final: 'f137' });
    assert.equal(tags([baseline(), followUp(227)]).m6, 'f227');
    assert.equal(tags([baseline(), followUp(228)]).m6, null);
  });

  test('visits outside every window: no m3 or m6, final is still the last visit from day 46', () => {
    assert.deepEqual(tags([baseline(), followUp(30), followUp(300)]), { baseline: 'b0', m3: null, m6: null, final: 'f300' });
  });

  test('a patient whose last visit is the M6 visit: final is that same visit', () => {
    const tp = selectTimePoints(START, [baseline(), followUp(90), followUp(180)]);
    assert.equal(tp.m3?.visit.tag, 'f90');
    assert.equal(tp.m6?.visit.tag, 'f180');
    assert.equal(tp.final, tp.m6);
  });

  test('final is the last follow-up from day 46: a patient seen only at day 20 has none', () => {
    assert.equal(DEFAULT_REPORT_SETTINGS.finalMinDay, 46);
    assert.deepEqual(tags([baseline(), followUp(20)]), { baseline: 'b0', m3: null, m6: null, final: null });
    assert.equal(tags([baseline(), followUp(20), followUp(45)]).final, null);
    assert.equal(tags([baseline(), followUp(20), followUp(46)]).final, 'f46');
    const windows = DEFAULT_REPORT_SETTINGS.windows;
    assert.equal(selectTimePoints(START, [baseline(), followUp(30)], { windows, finalMinDay: 28 }).final?.visit.tag, 'f30');
  });

  test('a baseline-only patient is absent from m3, m6 and final', () => {
    assert.deepEqual(tags([baseline()]), { baseline: 'b0', m3: null, m6: null, final: null });
  });

  test('the baseline visit is never a follow-up time point, even on day 91', () => {
    assert.deepEqual(tags([baseline(91)]), { baseline: 'b91', m3: null, m6: null, final: null });
  });

  test('a patient without a baseline visit still has follow-up time points', () => {
    assert.deepEqual(tags([followUp(95)]), { baseline: null, m3: 'f95', m6: null, final: 'f95' });
  });

  test('windows are configurable', () => {
    const windows = { m3: { target: 84, from: 70, to: 98 }, m6: { target: 168, from: 150, to: 190 } };
    const tp = selectTimePoints(START, [baseline(), followUp(60), followUp(86), followUp(191)], { windows, finalMinDay: 46 });
    assert.equal(tp.m3?.visit.tag, 'f86');
    assert.equal(tp.m6, null);
  });
});
