import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eventPatientProblems } from '@/lib/adverse-events/rules';
import { addDays, daysBetween } from '@/lib/dates';
import { relapseProblems } from '@/lib/relapses/rules';
import { visitPlacementProblems } from '@/lib/visits/rules';
import { patientProblems, patientRecordsProblems, type PatientFacts, type PatientRecords } from './rules';

// Property tests over the patient's date rules, and their agreement with the rules each
// record applies from its own side (a visit, an event or a relapse form refuses exactly what
// an edit of the patient's dates would then refuse).

const day = (n: number) => addDays('2020-01-01', n);

/** A patient whose dates are in order: diagnosis ≤ start ≤ stop ≤ death, and follow-up end between start and death. */
const orderedPatient = fc
  .record({
    diagnosis: fc.option(fc.integer({ min: 0, max: 300 })),
    start: fc.integer({ min: 300, max: 400 }),
    stop: fc.option(fc.integer({ min: 0, max: 400 })),
    death: fc.option(fc.integer({ min: 0, max: 400 })),
    end: fc.option(fc.integer({ min: 0, max: 400 })),
  })
  .map(({ diagnosis, start, stop, death, end }): PatientFacts => {
    const stopDay = stop === null ? null : start + stop;
    const deathDay = death === null ? null : (stopDay ?? start) + death;
    const endDay = end === null ? null : deathDay === null ? start + end : Math.min(start + end, deathDay);
    return {
      birthYear: 1960,
      diagnosisDate: diagnosis === null ? null : day(diagnosis),
      antibodies: ['mda5'],
      jakiStartDate: day(start),
      jakiStopDate: stopDay === null ? null : day(stopDay),
      jakiStopReason: stopDay === null ? null : 'remission',
      deathDate: deathDay === null ? null : day(deathDay),
      deathCause: deathDay === null ? null : 'infection',
      followUpEndDate: endDay === null ? null : day(endDay),
    };
  });

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('patientProblems over any dates', () => {
  test('dates in their order are accepted', () => {
    fc.assert(fc.property(orderedPatient, (p) => assert.deepEqual(patientProblems(p), [])), { numRuns: 2000 });
  });

  test('a stop, death or follow-up end moved before the JAKi start is refused at that field', () => {
    const field = fc.constantFrom('jakiStopDate' as const, 'deathDate' as const, 'followUpEndDate' as const);
    fc.assert(
      fc.property(orderedPatient, field, fc.integer({ min: 1, max: 200 }), (p, f, early) => {
        const moved = { ...p, jakiStopReason: 'remission', [f]: addDays(p.jakiStartDate, -early) };
        assert.ok(fields(patientProblems(moved)).includes(f), `${f} ${moved[f]} before ${p.jakiStartDate}`);
      }),
      { numRuns: 2000 },
    );
  });

  test('a follow-up end after the death is refused at the follow-up end', () => {
    fc.assert(
      fc.property(orderedPatient, fc.integer({ min: 1, max: 200 }), (p, late) => {
        if (!p.deathDate) return;
        const moved = { ...p, followUpEndDate: addDays(p.deathDate, late) };
        assert.deepEqual(fields(patientProblems(moved)), ['followUpEndDate']);
      }),
    );
  });
});

/** Records dated anywhere around the patient's course; the visits one a day, the baseline before the follow-ups. */
const records = (p: PatientFacts) => {
  // Days from the JAKi start, often on or next to one of the patient's dates, where the rules turn.
  const edges = [p.jakiStopDate, p.deathDate, p.followUpEndDate]
    .filter((d): d is string => d !== null)
    .flatMap((d) => [-1, 0, 1].map((k) => daysBetween(p.jakiStartDate, d) + k));
  const anyDay = fc.oneof(fc.integer({ min: -20, max: 900 }), fc.constantFrom(0, ...edges));
  const baselineDay = fc.oneof(fc.integer({ min: -120, max: 40 }), fc.constantFrom(-91, -90, 14, 15));
  return fc
    .record({
      baseline: fc.option(baselineDay),
      followUps: fc.uniqueArray(anyDay, { maxLength: 4 }),
      doses: fc.array(fc.constantFrom(null, 0, 10), { minLength: 4, maxLength: 4 }),
      events: fc.array(fc.record({ d: anyDay, grade: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
      relapses: fc.uniqueArray(anyDay, { maxLength: 3 }),
    })
    .map(({ baseline, followUps, doses, events, relapses }): PatientRecords => {
      const at = (n: number) => addDays(p.jakiStartDate, n);
      // As saved: follow-ups only after a baseline.
      const follow = baseline === null ? [] : followUps.filter((d) => d > baseline);
      return {
        visits: [
          ...(baseline === null ? [] : [{ visitDate: at(baseline), visitType: 'baseline' as const, jakiDoseMgDay: 10 }]),
          ...follow.map((d, i) => ({ visitDate: at(d), visitType: 'follow_up' as const, jakiDoseMgDay: doses[i] ?? null })),
        ],
        adverseEvents: events.map((e, i) => ({ onsetDate: at(e.d), term: `event ${i}`, ctcaeGrade: e.grade })),
        relapses: relapses.map((d) => ({ relapseDate: at(d), domain: 'skin' })),
      };
    });
};

/** Whether every record is accepted by its own form's rules against the patient's dates. */
function recordsFit(p: PatientFacts, r: PatientRecords): boolean {
  const placed = r.visits.map((v, i) => ({ ...v, id: String(i) }));
  const visitsFit = placed.every((v) => visitPlacementProblems(v, placed, p).length === 0);
  const eventsFit = r.adverseEvents.every((e) => eventPatientProblems(e, p).length === 0);
  const relapsesFit = r.relapses.every((x) => relapseProblems(x, p, []).length === 0);
  return visitsFit && eventsFit && relapsesFit;
}

describe('patientRecordsProblems agrees with the records’ own rules', () => {
  test('an edit of the patient is refused exactly when one of its records would no longer be accepted', () => {
    const scenario = orderedPatient.chain((p) => fc.record({ p: fc.constant(p), r: records(p) }));
    fc.assert(
      fc.property(scenario, ({ p, r }) => {
        assert.equal(patientRecordsProblems(p, r).length === 0, recordsFit(p, r));
      }),
      { numRuns: 4000 },
    );
  });

  test('it names each field once at most', () => {
    const scenario = orderedPatient.chain((p) => fc.record({ p: fc.constant(p), r: records(p) }));
    fc.assert(
      fc.property(scenario, ({ p, r }) => {
        const named = fields(patientRecordsProblems(p, r));
        assert.equal(new Set(named).size, named.length);
      }),
    );
  });
});
