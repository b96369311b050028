import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { STEROID_DRUGS } from '@/lib/codes';
import { addDays } from '@/lib/dates';
import { byField } from '@/lib/rules';
import { emptyMeasures, visitField } from './fields';
import { BASELINE_WINDOW, mmt8ScaleProblems, visitPlacementProblems, visitValueProblems, withPrednisoneEquivalent, type PlacedVisit, type VisitPatient, type VisitToPlace } from './rules';

/** The placement problems by field, as a form shows them; `start` the JAKi start, or no patient dates at all. */
function checkVisitPlacement(visit: VisitToPlace, others: PlacedVisit[], start?: string | Partial<VisitPatient>) {
  const patient =
    start === undefined ? null : typeof start === 'string' ? { jakiStartDate: start, jakiStopDate: null, deathDate: null, followUpEndDate: null } : { ...course, ...start };
  return byField(visitPlacementProblems(visit, others, patient));
}

const JAKI_START = '2024-01-10';
const course: VisitPatient = { jakiStartDate: JAKI_START, jakiStopDate: null, deathDate: null, followUpEndDate: null };
const baseline: PlacedVisit = { id: 'b', visitType: 'baseline', visitDate: '2024-01-05' };
const m3: PlacedVisit = { id: 'f3', visitType: 'follow_up', visitDate: '2024-04-10' };
const m6: PlacedVisit = { id: 'f6', visitType: 'follow_up', visitDate: '2024-07-10' };

describe('checkVisitPlacement', () => {
  test('a first baseline fits', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-01-05' }, [], JAKI_START), {});
  });

  test('a baseline may precede the JAKi start', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2023-12-01' }, [], JAKI_START), {});
  });

  test('a follow-up after the baseline and the JAKi start fits', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-04-10' }, [baseline], JAKI_START), {});
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-10-10' }, [baseline, m3, m6], JAKI_START), {});
  });

  test('a follow-up on the JAKi start day itself fits', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: JAKI_START }, [baseline], JAKI_START), {});
  });

  test('a second baseline is refused on the visit type, naming the existing one', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-01-20' }, [baseline], JAKI_START), {
      visitType: 'This patient already has a baseline visit (2024-01-05)',
    });
  });

  test('a follow-up before any baseline is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-04-10' }, [], JAKI_START), {
      visitType: 'This patient has no baseline visit: enter the baseline before any follow-up',
    });
  });

  test('a follow-up on or before the baseline date is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-05' }, [baseline]), { visitDate: 'There is already a visit on 2024-01-05' });
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-04' }, [baseline]), {
      visitDate: 'A follow-up must be dated after the baseline (2024-01-05)',
    });
  });

  test('a follow-up after the baseline but before the JAKi start is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-09' }, [baseline], JAKI_START), {
      visitDate: 'A follow-up cannot be before the JAK inhibitor start (2024-01-10)',
    });
  });

  test("without the patient's dates, only the baseline bounds follow-ups", () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-09' }, [baseline]), {});
  });

  test('a second visit on the same day is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-04-10' }, [baseline, m3], JAKI_START), {
      visitDate: 'There is already a visit on 2024-04-10',
    });
  });

  test('editing a visit does not conflict with itself', () => {
    // same date, same type: the visit is not its own duplicate, the baseline not its own second baseline
    assert.deepEqual(checkVisitPlacement({ id: 'f3', visitType: 'follow_up', visitDate: '2024-04-10' }, [baseline, m3, m6], JAKI_START), {});
    assert.deepEqual(checkVisitPlacement({ id: 'b', visitType: 'baseline', visitDate: '2024-01-05' }, [baseline, m3, m6], JAKI_START), {});
    // moving a follow-up to a free day fits; onto another visit's day does not
    assert.deepEqual(checkVisitPlacement({ id: 'f3', visitType: 'follow_up', visitDate: '2024-04-20' }, [baseline, m3, m6], JAKI_START), {});
    assert.deepEqual(checkVisitPlacement({ id: 'f3', visitType: 'follow_up', visitDate: '2024-07-10' }, [baseline, m3, m6], JAKI_START), {
      visitDate: 'There is already a visit on 2024-07-10',
    });
  });

  test('a baseline dated on or after an existing follow-up is refused', () => {
    // moving the baseline past the M3 follow-up
    assert.deepEqual(checkVisitPlacement({ id: 'b', visitType: 'baseline', visitDate: '2024-05-01' }, [baseline, m3, m6], JAKI_START), {
      visitDate: 'The baseline must be before every follow-up (there is one on 2024-04-10)',
    });
    // onto the follow-up's own day
    assert.deepEqual(checkVisitPlacement({ id: 'b', visitType: 'baseline', visitDate: '2024-04-10' }, [baseline, m3], JAKI_START), {
      visitDate: 'There is already a visit on 2024-04-10',
    });
    // a new baseline for a patient with only follow-ups (e.g. its baseline was recorded as a follow-up)
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-08-01' }, [m3], JAKI_START), {
      visitDate: 'The baseline must be before every follow-up (there is one on 2024-04-10)',
    });
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-01-05' }, [m3], JAKI_START), {});
  });

  test('turning the only baseline into a follow-up is refused; turning a follow-up into a second baseline too', () => {
    assert.deepEqual(checkVisitPlacement({ id: 'b', visitType: 'follow_up', visitDate: '2024-01-05' }, [baseline, m3], JAKI_START), {
      visitType: 'This patient has no baseline visit: enter the baseline before any follow-up',
      visitDate: 'A follow-up cannot be before the JAK inhibitor start (2024-01-10)',
    });
    assert.deepEqual(checkVisitPlacement({ id: 'f3', visitType: 'baseline', visitDate: '2024-04-10' }, [baseline, m3], JAKI_START), {
      visitType: 'This patient already has a baseline visit (2024-01-05)',
      visitDate: 'The baseline must lie from 90 days before to 14 days after the JAK inhibitor start (2023-10-12 to 2024-01-24); this date is 91 days after it',
    });
  });
});

describe("a visit against the patient's dates", () => {
  test('the baseline lies from 90 days before to 14 days after the JAKi start, both ends included', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2023-10-12' }, [], JAKI_START), {}); // day −90
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-01-24' }, [], JAKI_START), {}); // day 14
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2023-10-11' }, [], JAKI_START), {
      visitDate: 'The baseline must lie from 90 days before to 14 days after the JAK inhibitor start (2023-10-12 to 2024-01-24); this date is 91 days before it',
    });
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-07-28' }, [], JAKI_START), {
      visitDate: 'The baseline must lie from 90 days before to 14 days after the JAK inhibitor start (2023-10-12 to 2024-01-24); this date is 200 days after it',
    });
  });

  test('no visit after the death or the follow-up end; on the day itself it fits', () => {
    const dead = { deathDate: '2024-06-01' };
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-06-01' }, [baseline], dead), {});
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2025-12-01' }, [baseline], dead), {
      visitDate: 'No visit can be dated after 2024-06-01: the patient died on 2024-06-01',
    });
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-09-01' }, [baseline], { followUpEndDate: '2024-08-31' }), {
      visitDate: "No visit can be dated after 2024-08-31: the patient's follow-up ended on 2024-08-31",
    });
    // The earlier of the two ends the follow-up.
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-07-01' }, [baseline], { deathDate: '2024-06-01', followUpEndDate: '2024-06-01' }), {
      visitDate: 'No visit can be dated after 2024-06-01: the patient died on 2024-06-01',
    });
  });

  test('after the JAKi stop a visit records no dose (empty or 0)', () => {
    const stopped = { jakiStopDate: '2024-05-01' };
    const later = { visitType: 'follow_up' as const, visitDate: '2024-07-10' };
    assert.deepEqual(checkVisitPlacement({ ...later, jakiDoseMgDay: 4 }, [baseline], stopped), {
      jakiDoseMgDay: 'The JAK inhibitor was stopped on 2024-05-01: leave the dose empty (or 0) for a later visit',
    });
    assert.deepEqual(checkVisitPlacement({ ...later, jakiDoseMgDay: 0 }, [baseline], stopped), {});
    assert.deepEqual(checkVisitPlacement({ ...later, jakiDoseMgDay: null }, [baseline], stopped), {});
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-05-01', jakiDoseMgDay: 4 }, [baseline], stopped), {}, 'the stop day itself');
  });

  test('a visit placed wrongly among the others and dated after the death gets one message per field', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-07-10', jakiDoseMgDay: 4 }, [baseline, m6], { deathDate: '2024-06-01', jakiStopDate: '2024-06-01' }), {
      visitDate: 'There is already a visit on 2024-07-10',
      jakiDoseMgDay: 'The JAK inhibitor was stopped on 2024-06-01: leave the dose empty (or 0) for a later visit',
    });
  });
});

describe('the rules between a visit\'s measures', () => {
  const visit = (values: Partial<ReturnType<typeof emptyMeasures>>) => ({ ...emptyMeasures(), ...values });
  const problems = (values: Partial<ReturnType<typeof emptyMeasures>>) => byField(visitValueProblems(visit(values)));

  test('a glucocorticoid and its dose go together', () => {
    assert.deepEqual(problems({ steroidDrug: 'methylprednisolone' }), { steroidMgDay: 'Give the daily dose of methylprednisolone' });
    assert.deepEqual(problems({ steroidMgDay: 8 }), {
      steroidDrug: 'Choose the glucocorticoid given with this dose (or leave the dose empty and type the prednisone equivalent)',
    });
    assert.deepEqual(problems({ steroidDrug: 'methylprednisolone', steroidMgDay: 8 }), {});
  });

  test('a typed prednisone equivalent must agree with the glucocorticoid to 0.01; the equivalent is filled in', () => {
    assert.deepEqual(problems({ steroidDrug: 'dexamethasone', steroidMgDay: 1, prednisoneMgDay: 6.66 }), {}, '6.67 ± 0.01');
    assert.deepEqual(problems({ steroidDrug: 'dexamethasone', steroidMgDay: 1, prednisoneMgDay: 6.65 }), {
      prednisoneMgDay: 'The prednisone equivalent of 1 mg/day dexamethasone is 6.67, not 6.65',
    });
    assert.equal(withPrednisoneEquivalent(visit({ steroidDrug: 'dexamethasone', steroidMgDay: 1, prednisoneMgDay: 6.66 })).prednisoneMgDay, 6.67);
    assert.equal(withPrednisoneEquivalent(visit({ steroidDrug: 'methylprednisolone', steroidMgDay: 8 })).prednisoneMgDay, 10);
    assert.equal(withPrednisoneEquivalent(visit({ prednisoneMgDay: 7.5 })).prednisoneMgDay, 7.5, 'without a drug, as typed');
  });

  test('an equivalent above the prednisone maximum is refused at the dose', () => {
    assert.deepEqual(problems({ steroidDrug: 'methylprednisolone', steroidMgDay: 1600 }), {
      steroidMgDay: 'The prednisone equivalent (2000 mg/day) is above the maximum of 1500',
    });
  });

  test('IVIG dose and interval are optional while ongoing, and recorded only then', () => {
    assert.deepEqual(problems({ ivig: 'ongoing' }), {});
    assert.deepEqual(problems({ ivig: 'ongoing', ivigDoseGKg: 2, ivigIntervalWeeks: 4 }), {});
    assert.deepEqual(problems({ ivig: 'stopped', ivigDoseGKg: 2 }), { ivigDoseGKg: 'IVIG dose is only recorded while IVIG is ongoing' });
    assert.deepEqual(problems({ ivigIntervalWeeks: 4 }), { ivigIntervalWeeks: 'IVIG interval is only recorded while IVIG is ongoing' });
  });
});

describe('the visit rules over any dates and doses', () => {
  const offset = fc.oneof(fc.integer({ min: -400, max: 400 }), fc.constantFrom(-91, -90, -1, 0, 1, 14, 15));

  test('a first baseline is accepted exactly from 90 days before to 14 days after the JAKi start', () => {
    fc.assert(
      fc.property(offset, (d) => {
        const problems = visitPlacementProblems({ visitType: 'baseline', visitDate: addDays(JAKI_START, d) }, [], course);
        assert.equal(problems.length === 0, d >= -BASELINE_WINDOW.daysBefore && d <= BASELINE_WINDOW.daysAfter);
      }),
      { numRuns: 2000 },
    );
  });

  test('no visit is accepted after the death or the follow-up end, whichever is first; on that day it is', () => {
    const ends = fc.record({ death: fc.option(fc.integer({ min: 100, max: 400 })), end: fc.option(fc.integer({ min: 100, max: 400 })) });
    fc.assert(
      fc.property(ends, fc.integer({ min: 30, max: 500 }), ({ death, end }, d) => {
        const patient = { ...course, deathDate: death === null ? null : addDays(JAKI_START, death), followUpEndDate: end === null ? null : addDays(JAKI_START, end) };
        const last = Math.min(death ?? Infinity, end ?? Infinity);
        const problems = byField(visitPlacementProblems({ visitType: 'follow_up', visitDate: addDays(JAKI_START, d) }, [baseline], patient));
        assert.equal('visitDate' in problems, d > last);
      }),
      { numRuns: 2000 },
    );
  });

  test('a JAKi dose is refused exactly on a visit after the stop; none or 0 is always taken', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 300 }), fc.integer({ min: 30, max: 300 }), fc.constantFrom(null, 0, 5, 10), (stop, d, dose) => {
        const patient = { ...course, jakiStopDate: addDays(JAKI_START, stop) };
        const problems = byField(visitPlacementProblems({ visitType: 'follow_up', visitDate: addDays(JAKI_START, d), jakiDoseMgDay: dose }, [baseline], patient));
        assert.equal('jakiDoseMgDay' in problems, d > stop && Boolean(dose));
      }),
      { numRuns: 2000 },
    );
  });

  test('a glucocorticoid and its dose, with the equivalent computed from them, are always accepted while the equivalent is in range', () => {
    const dose = fc.integer({ min: 1, max: 4000 }).map((halves) => halves / 2);
    fc.assert(
      fc.property(fc.constantFrom(...STEROID_DRUGS), dose, fc.option(fc.integer({ min: 0, max: 3000 }).map((h) => h / 2)), (drug, mg, typed) => {
        const visit = withPrednisoneEquivalent({ ...emptyMeasures(), steroidDrug: drug, steroidMgDay: mg, prednisoneMgDay: typed });
        const problems = byField(visitValueProblems(visit));
        assert.equal('prednisoneMgDay' in problems, false);
        assert.equal('steroidMgDay' in problems, visit.prednisoneMgDay! > visitField('prednisoneMgDay').max);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("MMT8 against the cohort's scale", () => {
  test('80 is the top of a scale scored on one side, 150 of both sides; none is no problem', () => {
    assert.deepEqual(mmt8ScaleProblems({ mmt8: 80 }, 80), []);
    assert.deepEqual(mmt8ScaleProblems({ mmt8: null }, 80), []);
    assert.deepEqual(mmt8ScaleProblems({ mmt8: 120 }, 150), []);
    assert.deepEqual(mmt8ScaleProblems({ mmt8: 81 }, 80).map((p) => p.field), ['mmt8']);
    assert.match(mmt8ScaleProblems({ mmt8: 81 }, 80)[0]!.message, /MMT8 81 is above this cohort's scale of 0–80/);
  });
});
