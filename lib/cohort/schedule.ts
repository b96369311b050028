import { addDays, daysBetween } from '@/lib/dates';

// Follow-up time points, in days from the JAKi start: M3 and M6 as the report's windows
// (interchange.md), then every six months.
const FIRST_POINTS = [
  { label: 'M3', day: 91 },
  { label: 'M6', day: 182 },
];
export const HALF_WINDOW = 45;

export type DueVisit = { label: string; date: string };

function* timePoints() {
  yield* FIRST_POINTS;
  for (let month = 12; ; month += 6) yield { label: `M${month}`, day: Math.round((month / 12) * 365.25) };
}

/**
 * The next scheduled follow-up that no visit has covered yet, or null when the patient
 * is no longer followed (JAKi stopped or death) or has no baseline.
 */
export function nextVisitDue(patient: {
  jakiStartDate: string;
  jakiStopDate: string | null;
  deathDate: string | null;
  visitDates: string[];
  hasBaseline: boolean;
}): DueVisit | null {
  if (patient.deathDate || patient.jakiStopDate || !patient.hasBaseline) return null;
  const visitDays = patient.visitDates.map((d) => daysBetween(patient.jakiStartDate, d));
  const lastDay = Math.max(0, ...visitDays);
  for (const point of timePoints()) {
    const covered = visitDays.some((d) => Math.abs(d - point.day) <= HALF_WINDOW);
    if (!covered && point.day > lastDay) return { label: point.label, date: addDays(patient.jakiStartDate, point.day) };
  }
  return null; // unreachable: time points grow without end
}
