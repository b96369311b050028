// A generated cohort, seeded so every run gives the same data: the size of a real registry
// (10,000 patients, 5–6 visits each, 15% with an adverse event) for timing buildReport, and,
// with `messy`, the awkward rows real data holds (missing values, visits out of order, two
// baselines, ties in a window, other sites) for checking the report against a reference.

import { AE_ACTIONS, AE_CATEGORIES, JAKI_DRUGS, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, RELAPSE_DOMAINS } from '@/lib/codes';

const AE_ACTIONS_OR_NONE = [...AE_ACTIONS, null] as const;
import { addDays } from '@/lib/dates';
import type { ReportAdverseEvent, ReportInput, ReportPatient, ReportVisit } from '@/lib/cohort/types';

export type GenerateOptions = { patients: number; seed?: number; messy?: boolean };

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateReportInput({ patients: count, seed = 1, messy = false }: GenerateOptions): ReportInput {
  const rnd = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  // Messy data leaves a value out now and then; clean data fills every core set measure.
  const maybe = <T>(value: T): T | null => (messy && rnd() < 0.08 ? null : value);
  const halves = (lo: number, hi: number) => int(lo * 2, hi * 2) / 2;
  // float8 columns can hold NaN and Infinity, which the report must treat as absent.
  const num = (value: number): number | null => (messy && rnd() < 0.005 ? pick([NaN, Infinity, -Infinity]) : maybe(value));

  function visit(start: string, day: number, type: ReportVisit['visitType']): ReportVisit {
    return {
      visitDate: addDays(start, day),
      visitType: type,
      cdasiActivity: num(int(0, 60)),
      cdasiDamage: num(int(0, 20)),
      mmt8: num(int(90, 150)),
      prednisoneMgDay: num(pick([0, 2.5, 5, 7.5, 10, 20])),
      ivig: maybe(pick(['none', 'ongoing', 'stopped'] as const)),
      activeCutaneous: maybe(rnd() < 0.7),
      activeMuscle: maybe(rnd() < 0.5),
      jakiDoseMgDay: maybe(4),
      physicianGlobal: num(halves(0, 10)),
      patientGlobal: num(halves(0, 10)),
      extramuscularGlobal: num(halves(0, 10)),
      haq: num(int(0, 12) / 4),
      ckUL: num(messy && rnd() < 0.05 ? 0 : int(20, 3000)),
      // Limits at some visits only, so the IMACS enzyme is chosen among those with one, or is CK.
      ckUln: rnd() < 0.5 ? num(190) : null,
      aldolaseUL: num(halves(2, 30)),
      aldolaseUln: rnd() < 0.5 ? num(7.6) : null,
      ldhUL: num(int(100, 900)),
      ldhUln: rnd() < 0.3 ? num(250) : null,
      astUL: num(int(10, 300)),
      astUln: rnd() < 0.3 ? 40 : null,
      altUL: num(int(10, 300)),
      altUln: rnd() < 0.3 ? 40 : null,
    };
  }

  function visits(start: string): ReportVisit[] {
    const list = [visit(start, 0, 'baseline')];
    const targets = [91, 182, 365, 547, 730];
    const follow = rnd() < 0.5 ? targets : targets.slice(0, 4);
    for (const target of follow) list.push(visit(start, target + int(-20, 20), 'follow_up'));
    if (messy) {
      if (rnd() < 0.1) list.push(visit(start, int(-30, 5), 'baseline'));
      // Two visits equally far from day 91: the earlier must win.
      if (rnd() < 0.1) list.push(visit(start, 81, 'follow_up'), visit(start, 101, 'follow_up'));
      // Two visits on one date: the input order decides.
      if (rnd() < 0.05) list.push(visit(start, 547, 'follow_up'), visit(start, 547, 'follow_up'));
      if (rnd() < 0.05) list.splice(1); // baseline only
      if (rnd() < 0.03) list.shift(); // no baseline visit
      if (rnd() < 0.3) list.reverse();
    }
    return list;
  }

  function adverseEvent(start: string): ReportAdverseEvent {
    const category = pick(AE_CATEGORIES);
    // Some before the JAKi start, some long after: the report counts treatment-emergent ones only.
    const day = messy && rnd() < 0.2 ? int(-400, -1) : int(0, 900);
    return { category, serious: rnd() < 0.3, ctcaeGrade: int(1, 5), onsetDate: addDays(start, day), term: category, action: pick(AE_ACTIONS_OR_NONE) };
  }

  const list: ReportPatient[] = [];
  for (let i = 0; i < count; i++) {
    const start = addDays('2019-01-01', int(0, 5 * 365));
    const stopped = rnd() < 0.25;
    const died = rnd() < 0.03;
    list.push({
      code: `P${String(int(0, 99_999_999)).padStart(8, '0')}-${i}`,
      siteCode: messy ? pick(['A', 'B', 'C']) : 'A',
      sex: rnd() < 0.7 ? 'F' : 'M',
      birthYear: int(1940, 2000),
      diagnosisDate: maybe(addDays(start, -int(30, 3000))),
      dmSubtype: 'classic',
      antibodies: [],
      previousTreatments: [...PREVIOUS_TREATMENTS.filter(() => rnd() < 0.3), ...(messy && rnd() < 0.05 ? ['zz_other'] : [])],
      ild: maybe(rnd() < 0.2),
      jakiDrug: pick(JAKI_DRUGS),
      jakiDoseMgDay: pick([2, 4, 10, 15]),
      jakiStartDate: start,
      jakiStopDate: stopped ? addDays(start, int(100, 700)) : null,
      jakiStopReason: stopped ? maybe(pick(JAKI_STOP_REASONS)) : null,
      deathDate: died ? addDays(start, int(100, 700)) : null,
      deathCause: died ? maybe('infection') : null,
      followUpEndDate: rnd() < 0.1 ? addDays(start, int(200, 800)) : null,
      visits: visits(start),
      adverseEvents: rnd() < 0.15 ? [adverseEvent(start), ...(rnd() < 0.3 ? [adverseEvent(start)] : [])] : [],
      relapses: rnd() < 0.12 ? [{ relapseDate: addDays(start, int(-100, 800)), domain: pick(RELAPSE_DOMAINS) }] : [],
    });
  }
  return { cohort: 'GEN', site: null, today: '2026-01-01', patients: list };
}
