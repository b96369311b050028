import { endedPhrase, followUpEnd } from '@/lib/patients/follow-up';
import type { FieldProblem } from '@/lib/rules';

// The rules an adverse event obeys (docs/interchange.md, adverse_events.csv), applied alike
// by the adverse-event form (its schema and the data layer) and by the import. Grade 5 is a
// death: the outcome is fatal, the event is serious, and the patient has a death date.

export const ENDED_OUTCOMES: readonly string[] = ['recovered', 'sequelae', 'fatal'];

export type EventFacts = {
  onsetDate: string;
  endDate: string | null;
  ctcaeGrade: number;
  outcome: string | null;
  serious: boolean;
  /** The ICH E2A criterion "results in death", where the record keeps the criteria (the form does, a CSV does not). */
  resultsInDeath?: boolean;
};

export type EventField = 'endDate' | 'outcome' | 'ctcaeGrade' | 'serious' | 'seriousDeath';

/** The rules between an event's own fields. */
export function eventProblems(e: EventFacts): FieldProblem<EventField>[] {
  const out: FieldProblem<EventField>[] = [];
  if (e.endDate && e.endDate < e.onsetDate) out.push({ field: 'endDate', message: `End date cannot be before the onset date (${e.onsetDate})` });
  if (!e.endDate && e.outcome && ENDED_OUTCOMES.includes(e.outcome))
    out.push({ field: 'endDate', message: `End date is required, as the outcome is ${e.outcome} (an event without an end date is ongoing)` });
  if (e.ctcaeGrade === 5) {
    if (e.outcome !== 'fatal') out.push({ field: 'outcome', message: 'Outcome must be fatal for a CTCAE grade 5 event (grade 5 is death)' });
    if (e.resultsInDeath === undefined) {
      if (!e.serious) out.push({ field: 'serious', message: 'A CTCAE grade 5 event is serious (a death)' });
    } else if (!e.resultsInDeath) {
      out.push({ field: 'seriousDeath', message: 'Serious: results in death must be ticked for a CTCAE grade 5 event' });
    }
  } else if (e.outcome === 'fatal' || e.resultsInDeath) {
    out.push({ field: 'ctcaeGrade', message: 'CTCAE grade must be 5 for an event that results in death' });
  }
  return out;
}

/** What an event is checked against: the patient's death and follow-up end. */
export type EventPatient = { deathDate: string | null; followUpEndDate: string | null };

/**
 * The event against its patient: a grade 5 event needs the patient's death date (`deathDate`
 * is the one the event records with it, when the patient has none yet), and no event begins
 * after the death or the follow-up end.
 */
export function eventPatientProblems(
  e: { onsetDate: string; ctcaeGrade: number },
  patient: EventPatient,
): FieldProblem<'onsetDate' | 'deathDate'>[] {
  const out: FieldProblem<'onsetDate' | 'deathDate'>[] = [];
  if (e.ctcaeGrade === 5 && !patient.deathDate)
    out.push({ field: 'deathDate', message: "A grade 5 event is a death, but the patient's death date is not recorded" });
  const end = followUpEnd(patient);
  if (end && e.onsetDate > end.date) out.push({ field: 'onsetDate', message: `Onset cannot be after ${end.date}: ${endedPhrase(end)}` });
  return out;
}
