// The Kaplan–Meier (product-limit) estimate of a survival curve, as R's survfit(Surv(time,
// event) ~ 1) gives it: one step per distinct time, S(t) = Π (1 − d/n) over the times up to t,
// with n the subjects still observed just before t. At a time with both events and
// censorings, the events come first: a subject censored at t was still at risk at t.

export type SurvivalObservation = { time: number; event: boolean };

export type SurvivalStep = {
  time: number;
  /** Subjects observed up to this time or later. */
  atRisk: number;
  events: number;
  censored: number;
  /** The estimate just after this time. */
  survival: number;
};

function checkTimes(observations: readonly SurvivalObservation[]) {
  for (const o of observations) if (!Number.isFinite(o.time) || o.time < 0) throw new RangeError(`time must be a finite number of 0 or more, not ${o.time}`);
}

/** The steps of the curve, one per distinct time (with an event or a censoring), in time order. */
export function kaplanMeier(observations: readonly SurvivalObservation[]): SurvivalStep[] {
  checkTimes(observations);
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let survival = 1;
  let atRisk = sorted.length;
  for (let i = 0; i < sorted.length; ) {
    const time = sorted[i]!.time;
    let events = 0;
    let censored = 0;
    for (; i < sorted.length && sorted[i]!.time === time; i++) {
      if (sorted[i]!.event) events++;
      else censored++;
    }
    survival *= 1 - events / atRisk;
    steps.push({ time, atRisk, events, censored, survival });
    atRisk -= events + censored;
  }
  return steps;
}

/** Subjects still at risk at `time`: observed until then or later (a time of exactly `time` counts). */
export function numberAtRisk(observations: readonly SurvivalObservation[], time: number): number {
  checkTimes(observations);
  let n = 0;
  for (const o of observations) if (o.time >= time) n++;
  return n;
}

/**
 * The median survival time: the first time at which the estimate is 0.5 or less; null when the
 * curve stays above 0.5. (R's survfit takes the midpoint up to the next event when the curve
 * sits at exactly 0.5; this takes the first time.)
 */
export function medianSurvival(steps: readonly SurvivalStep[]): number | null {
  // 1e-12: a product such as (1 − 1/4)(1 − 1/3)… may land a hair above an exact 0.5.
  return steps.find((s) => s.survival <= 0.5 + 1e-12)?.time ?? null;
}
