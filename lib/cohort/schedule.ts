import { addDays, daysBetween } from '@/lib/dates';
import { followUpEnd } from '@/lib/patients/follow-up';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './windows';

// The visit schedule, in days from the JAKi start: M3 and M6 are the report's windows
// (windows.ts), then every six months, each covered by a visit within the same half-width
// as M6's window.

/** How far from a time point a visit still covers it (M6's window: 45 days). */
export const HALF_WINDOW = DEFAULT_REPORT_SETTINGS.windows.m6.to - DEFAULT_REPORT_SETTINGS.windows.m6.target;

export type DueVisit = { label: string; date: string };

type Point = { label: string; day: number; from: number; to: number };

function* timePoints(windows: ReportSettings['windows']): Generator<Point> {
  yield { label: 'M3', day: windows.m3.target, from: windows.m3.from, to: windows.m3.to };
  yield { label: 'M6', day: windows.m6.target, from: windows.m6.from, to: windows.m6.to };
  const half = windows.m6.to - windows.m6.target;
  for (let month = 12; ; month += 6) {
    const day = Math.round((month / 12) * 365.25);
    yield { label: `M${month}`, day, from: day - half, to: day + half };
  }
}

export type ScheduledPatient = {
  jakiStartDate: string;
  jakiStopDate: string | null;
  deathDate: string | null;
  followUpEndDate: string | null;
  visitDates: string[];
  hasBaseline: boolean;
};

/**
 * The next scheduled follow-up that no visit has covered yet, or null when the patient is no
 * longer followed (follow-up ended, death, JAKi stopped) or has no baseline.
 */
export function nextVisitDue(patient: ScheduledPatient, windows = DEFAULT_REPORT_SETTINGS.windows): DueVisit | null {
  if (followUpEnd(patient) || patient.jakiStopDate || !patient.hasBaseline) return null;
  const visitDays = patient.visitDates.map((d) => daysBetween(patient.jakiStartDate, d));
  const lastDay = Math.max(0, ...visitDays);
  for (const point of timePoints(windows)) {
    const covered = visitDays.some((d) => d >= point.from && d <= point.to);
    if (!covered && point.day > lastDay) return { label: point.label, date: addDays(patient.jakiStartDate, point.day) };
  }
  return null; // unreachable: time points grow without end
}

/** Where a patient stands in its follow-up, as the patient list and page show it. */
export type FollowUpState =
  | { kind: 'deceased'; date: string }
  | { kind: 'ended'; date: string }
  | { kind: 'jaki_stopped'; date: string }
  | { kind: 'no_baseline' }
  | { kind: 'due'; visit: DueVisit; overdue: boolean };

export function followUpState(patient: ScheduledPatient, today: string): FollowUpState {
  const end = followUpEnd(patient);
  if (end) return end.why === 'death' ? { kind: 'deceased', date: end.date } : { kind: 'ended', date: end.date };
  if (patient.jakiStopDate) return { kind: 'jaki_stopped', date: patient.jakiStopDate };
  const visit = nextVisitDue(patient);
  if (!visit) return { kind: 'no_baseline' };
  return { kind: 'due', visit, overdue: visit.date < today };
}

/** The patient list's filters on follow-up. */
export const FOLLOW_UP_FILTERS = ['due', 'overdue', 'ended'] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];

export function matchesFilter(state: FollowUpState, filter: FollowUpFilter): boolean {
  switch (filter) {
    case 'due':
      return state.kind === 'due' && !state.overdue;
    case 'overdue':
      return state.kind === 'due' && state.overdue;
    case 'ended':
      return state.kind === 'deceased' || state.kind === 'ended';
  }
}
