import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays } from '@/lib/dates';
import { visitPlacementProblems, type PlacedVisit, type VisitPatient } from '@/lib/visits/rules';
import { placeVisits, type ImportedVisit } from './placement';

const day = (n: number) => addDays('2024-01-01', n);

/** Visits the database may hold: follow-ups after the baseline, if any, and the JAKi start; one a day. */
const savedVisits = (start: number) =>
  fc.record({ baseline: fc.option(fc.integer({ min: 0, max: 20 })), followUps: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }) }).map(
    ({ baseline, followUps }): PlacedVisit[] => [
      ...(baseline === null ? [] : [{ visitDate: day(baseline), visitType: 'baseline' as const }]),
      ...followUps.filter((d) => d >= start && (baseline === null || d > baseline)).map((d) => ({ visitDate: day(d), visitType: 'follow_up' as const })),
    ],
  );

const importedVisits = fc
  .array(fc.record({ d: fc.integer({ min: 0, max: 30 }), type: fc.constantFrom('baseline' as const, 'follow_up' as const) }), { maxLength: 5 })
  .map((list): ImportedVisit[] => list.map(({ d, type }, i) => ({ line: i + 2, visitDate: day(d), visitType: type, jakiDoseMgDay: null })));

const course = (start: number): VisitPatient => ({ jakiStartDate: day(start), jakiStopDate: null, deathDate: null, followUpEndDate: null });

const scenario = fc
  .integer({ min: 0, max: 15 })
  .chain((start) => fc.record({ start: fc.constant(start), saved: savedVisits(start), imported: importedVisits }));

/** The app's verdict on each imported visit, checked against all the others as its form would. */
function refusedByApp({ start, saved, imported }: { start: number; saved: PlacedVisit[]; imported: ImportedVisit[] }): Set<number> {
  const all = [...saved.map((v, i) => ({ ...v, id: `saved-${i}` })), ...imported.map((v) => ({ ...v, id: `line-${v.line}` }))];
  const refused = new Set<number>();
  for (const v of imported) if (visitPlacementProblems({ ...v, id: `line-${v.line}` }, all, course(start)).length) refused.add(v.line);
  return refused;
}

describe('placeVisits keeps to the app rules (lib/visits/rules.ts)', () => {
  test('it accepts a set of imported visits exactly when the app accepts each of them', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const problems = placeVisits(s.saved, s.imported, course(s.start));
        assert.equal(problems.length === 0, refusedByApp(s).size === 0);
      }),
      { numRuns: 3000 },
    );
  });

  test('every line it refuses is one the app refuses too', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const app = refusedByApp(s);
        for (const p of placeVisits(s.saved, s.imported, course(s.start))) assert.ok(app.has(p.line), `line ${p.line}: ${p.message}`);
      }),
      { numRuns: 3000 },
    );
  });

  test('it names a line and column once at most', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const lines = placeVisits(s.saved, s.imported, course(s.start)).map((p) => `${p.line} ${p.column}`);
        assert.equal(new Set(lines).size, lines.length);
      }),
      { numRuns: 1000 },
    );
  });
});
