import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkVisitPlacement, type PlacedVisit } from './rules';

const JAKI_START = '2024-01-10';
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
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-02-01' }, [baseline], JAKI_START), {
      visitType: 'This patient already has a baseline visit (2024-01-05)',
    });
  });

  test('a follow-up before any baseline is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-04-10' }, [], JAKI_START), {
      visitType: 'Enter the baseline visit before any follow-up',
    });
  });

  test('a follow-up on or before the baseline date is refused', () => {
    const expected = { visitDate: 'A follow-up must be dated after the baseline (2024-01-05)' };
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-05' }, [baseline]), expected);
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-04' }, [baseline]), expected);
  });

  test('a follow-up after the baseline but before the JAKi start is refused', () => {
    assert.deepEqual(checkVisitPlacement({ visitType: 'follow_up', visitDate: '2024-01-09' }, [baseline], JAKI_START), {
      visitDate: 'A follow-up cannot be before the JAK inhibitor start (2024-01-10)',
    });
  });

  test('without a known JAKi start, only the baseline bounds follow-ups', () => {
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
      visitDate: 'The baseline must be before every follow-up (there is one on 2024-04-10)',
    });
    // a new baseline for a patient with only follow-ups (e.g. its baseline was recorded as a follow-up)
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-08-01' }, [m3], JAKI_START), {
      visitDate: 'The baseline must be before every follow-up (there is one on 2024-04-10)',
    });
    assert.deepEqual(checkVisitPlacement({ visitType: 'baseline', visitDate: '2024-01-05' }, [m3], JAKI_START), {});
  });

  test('turning the only baseline into a follow-up is refused; turning a follow-up into a second baseline too', () => {
    assert.deepEqual(checkVisitPlacement({ id: 'b', visitType: 'follow_up', visitDate: '2024-01-05' }, [baseline, m3], JAKI_START), {
      visitType: 'Enter the baseline visit before any follow-up',
    });
    assert.deepEqual(checkVisitPlacement({ id: 'f3', visitType: 'baseline', visitDate: '2024-04-10' }, [baseline, m3], JAKI_START), {
      visitType: 'This patient already has a baseline visit (2024-01-05)',
    });
  });
});
