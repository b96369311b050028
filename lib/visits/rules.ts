import type { VisitType } from '@/lib/codes';
import { addDays, daysBetween } from '@/lib/dates';
import { endedPhrase, followUpEnd } from '@/lib/patients/follow-up';
import type { FieldProblem } from '@/lib/rules';
import { EQUIVALENT_TOLERANCE, prednisoneEquivalent } from '@/lib/treatments/glucocorticoids';
import { label } from '@/lib/codes';
import { visitField, type VisitMeasures } from './fields';

// The rules a visit obeys (docs/interchange.md, visits.csv), applied alike by the visit
// form (its schema and the data layer) and by the import.

/** What a visit's dates are checked against. */
export type VisitPatient = {
  jakiStartDate: string;
  jakiStopDate: string | null;
  deathDate: string | null;
  followUpEndDate: string | null;
};

/** Another visit of the patient; `where` says where it is, for messages ("line 14"). */
export type PlacedVisit = { id?: string; visitType: VisitType; visitDate: string; where?: string };

/** The visit being placed. */
export type VisitToPlace = { id?: string; visitType: VisitType; visitDate: string; jakiDoseMgDay?: number | null };

export type PlacementField = 'visitType' | 'visitDate' | 'jakiDoseMgDay';

/** The baseline lies from 90 days before to 14 days after the JAK inhibitor start. */
export const BASELINE_WINDOW = { daysBefore: 90, daysAfter: 14 } as const;

export const NO_BASELINE = 'This patient has no baseline visit: enter the baseline before any follow-up';

const seen = (v: PlacedVisit) => (v.where ? `${v.visitDate}, ${v.where}` : v.visitDate);

/** Where the visit may sit among the patient's other visits: one visit a day, one baseline, follow-ups after it. */
function amongOthers(visit: VisitToPlace, others: PlacedVisit[]): FieldProblem<PlacementField> | null {
  const rest = others.filter((o) => o.id === undefined || o.id !== visit.id);
  const sameDay = rest.find((o) => o.visitDate === visit.visitDate);
  if (sameDay) return { field: 'visitDate', message: `There is already a visit on ${sameDay.visitDate}${sameDay.where ? ` (${sameDay.where})` : ''}` };
  const baseline = rest.find((o) => o.visitType === 'baseline');
  if (visit.visitType === 'baseline') {
    if (baseline) return { field: 'visitType', message: `This patient already has a baseline visit (${seen(baseline)})` };
    const earlier = rest.find((o) => o.visitDate <= visit.visitDate);
    if (earlier) return { field: 'visitDate', message: `The baseline must be before every follow-up (there is one on ${seen(earlier)})` };
  } else {
    if (!baseline) return { field: 'visitType', message: NO_BASELINE };
    if (visit.visitDate <= baseline.visitDate) return { field: 'visitDate', message: `A follow-up must be dated after the baseline (${seen(baseline)})` };
  }
  return null;
}

/** The visit's date against the patient's course: the baseline window, the JAKi start, death and follow-up end. */
function againstPatient(visit: VisitToPlace, patient: VisitPatient): FieldProblem<PlacementField>[] {
  const out: FieldProblem<PlacementField>[] = [];
  const start = patient.jakiStartDate;
  const day = daysBetween(start, visit.visitDate);
  if (visit.visitType === 'baseline' && (day < -BASELINE_WINDOW.daysBefore || day > BASELINE_WINDOW.daysAfter)) {
    const from = addDays(start, -BASELINE_WINDOW.daysBefore);
    const to = addDays(start, BASELINE_WINDOW.daysAfter);
    const off = day < 0 ? `${-day} days before` : `${day} days after`;
    out.push({
      field: 'visitDate',
      message: `The baseline must lie from ${BASELINE_WINDOW.daysBefore} days before to ${BASELINE_WINDOW.daysAfter} days after the JAK inhibitor start (${from} to ${to}); this date is ${off} it`,
    });
  }
  if (visit.visitType === 'follow_up' && visit.visitDate < start)
    out.push({ field: 'visitDate', message: `A follow-up cannot be before the JAK inhibitor start (${start})` });
  const end = followUpEnd(patient);
  if (end && visit.visitDate > end.date) {
    const phrase = endedPhrase(end);
    out.push({ field: 'visitDate', message: `No visit can be dated after ${end.date}: ${phrase}` });
  }
  const dose = visit.jakiDoseMgDay;
  if (patient.jakiStopDate && visit.visitDate > patient.jakiStopDate && dose !== null && dose !== undefined && dose !== 0)
    out.push({
      field: 'jakiDoseMgDay',
      message: `The JAK inhibitor was stopped on ${patient.jakiStopDate}: leave the dose empty (or 0) for a later visit`,
    });
  return out;
}

/**
 * Every placement problem of a visit: among the patient's other visits (at most one, the
 * first that applies) and against the patient's dates (unless they are unknown: an import
 * whose patient row was refused). Empty when the visit fits.
 */
export function visitPlacementProblems(visit: VisitToPlace, others: PlacedVisit[], patient: VisitPatient | null): FieldProblem<PlacementField>[] {
  const among = amongOthers(visit, others);
  const dated = patient ? againstPatient(visit, patient) : [];
  // One message per field: the visit's place among the others comes first.
  return among ? [among, ...dated.filter((p) => p.field !== among.field)] : dated;
}

type ValueField = 'steroidDrug' | 'steroidMgDay' | 'prednisoneMgDay' | 'ivigDoseGKg' | 'ivigIntervalWeeks';

const PREDNISONE = visitField('prednisoneMgDay');

/** The rules between a visit's own measures: a glucocorticoid and its dose go together; IVIG dose and interval only while ongoing. */
export function visitValueProblems(v: VisitMeasures): FieldProblem<ValueField>[] {
  const out: FieldProblem<ValueField>[] = [];
  if (v.steroidDrug && v.steroidMgDay === null) out.push({ field: 'steroidMgDay', message: `Give the daily dose of ${label(v.steroidDrug).toLowerCase()}` });
  if (!v.steroidDrug && v.steroidMgDay !== null)
    out.push({ field: 'steroidDrug', message: 'Choose the glucocorticoid given with this dose (or leave the dose empty and type the prednisone equivalent)' });
  if (v.steroidDrug && v.steroidMgDay !== null) {
    const equivalent = prednisoneEquivalent(v.steroidDrug, v.steroidMgDay);
    const drug = label(v.steroidDrug).toLowerCase();
    if (equivalent > PREDNISONE.max)
      out.push({ field: 'steroidMgDay', message: `The prednisone equivalent (${equivalent} mg/day) is above the maximum of ${PREDNISONE.max}` });
    else if (v.prednisoneMgDay !== null && Math.abs(v.prednisoneMgDay - equivalent) > EQUIVALENT_TOLERANCE + 1e-9)
      out.push({
        field: 'prednisoneMgDay',
        message: `The prednisone equivalent of ${v.steroidMgDay} mg/day ${drug} is ${equivalent}, not ${v.prednisoneMgDay}`,
      });
  }
  if (v.ivig !== 'ongoing') {
    if (v.ivigDoseGKg !== null) out.push({ field: 'ivigDoseGKg', message: 'IVIG dose is only recorded while IVIG is ongoing' });
    if (v.ivigIntervalWeeks !== null) out.push({ field: 'ivigIntervalWeeks', message: 'IVIG interval is only recorded while IVIG is ongoing' });
  }
  return out;
}

/** The visit with its prednisone equivalent computed from the glucocorticoid given, when one is. */
/**
 * MMT8 against the cohort's scale (its report settings): 150 when both sides are scored, 80
 * when one side is. The form's own range stops at 150; a cohort scored on one side stops at 80.
 */
export function mmt8ScaleProblems(v: { mmt8: number | null }, mmt8Max: number): FieldProblem<'mmt8'>[] {
  if (v.mmt8 === null || v.mmt8 <= mmt8Max) return [];
  return [{ field: 'mmt8', message: `MMT8 ${v.mmt8} is above this cohort's scale of 0–${mmt8Max} (muscles scored on one side; see its report settings)` }];
}

export function withPrednisoneEquivalent<V extends VisitMeasures>(v: V): V {
  if (!v.steroidDrug || v.steroidMgDay === null) return v;
  return { ...v, prednisoneMgDay: prednisoneEquivalent(v.steroidDrug, v.steroidMgDay) };
}
