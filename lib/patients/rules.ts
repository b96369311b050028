import { daysBetween } from '@/lib/dates';
import type { FieldProblem } from '@/lib/rules';
import { BASELINE_WINDOW } from '@/lib/visits/rules';

// The rules between a patient's own fields (docs/interchange.md, patients.csv): the patient
// form and the import both apply them. A problem names the later of two dates that disagree.

/** A pseudonymous patient code: 2 to 40 letters, digits, - or _, never a name. */
export const PATIENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/;

export type PatientFacts = {
  birthYear: number;
  diagnosisDate: string | null;
  antibodies: string[];
  jakiStartDate: string;
  jakiStopDate: string | null;
  jakiStopReason: string | null;
  deathDate: string | null;
  deathCause: string | null;
  followUpEndDate: string | null;
};

export type PatientField = keyof PatientFacts;

export function patientProblems(p: PatientFacts): FieldProblem<PatientField>[] {
  const out: FieldProblem<PatientField>[] = [];
  const problem = (field: PatientField, message: string) => out.push({ field, message });
  const birth = String(p.birthYear);
  const start = p.jakiStartDate;

  if (p.diagnosisDate && p.diagnosisDate.slice(0, 4) < birth) problem('diagnosisDate', 'Diagnosis date cannot be before the birth year');
  if (start.slice(0, 4) < birth) problem('jakiStartDate', 'JAK inhibitor start date cannot be before the birth year');
  else if (p.diagnosisDate && start < p.diagnosisDate)
    problem('jakiStartDate', `JAK inhibitor start date cannot be before the diagnosis (${p.diagnosisDate})`);

  if (p.jakiStopDate && p.jakiStopDate < start) problem('jakiStopDate', `JAK inhibitor stop date cannot be before its start (${start})`);
  if (p.jakiStopDate && !p.jakiStopReason) problem('jakiStopReason', 'Give the reason the JAK inhibitor was stopped');
  if (!p.jakiStopDate && p.jakiStopReason) problem('jakiStopDate', 'Give the date the JAK inhibitor was stopped');

  if (p.deathDate) {
    if (p.deathDate.slice(0, 4) < birth) problem('deathDate', 'Death date cannot be before the birth year');
    else if (p.deathDate < start) problem('deathDate', `Death date cannot be before the JAK inhibitor start (${start})`);
    else if (p.jakiStopDate && p.deathDate < p.jakiStopDate)
      problem('deathDate', `Death date cannot be before the JAK inhibitor stop (${p.jakiStopDate})`);
  }
  if (p.deathCause && !p.deathDate) problem('deathDate', 'Give the death date with its cause');

  if (p.followUpEndDate) {
    if (p.followUpEndDate < start) problem('followUpEndDate', `Follow-up end cannot be before the JAK inhibitor start (${start})`);
    else if (p.deathDate && p.followUpEndDate > p.deathDate)
      problem('followUpEndDate', `Follow-up end cannot be after the death (${p.deathDate}): a death ends the follow-up`);
  }

  if (p.antibodies.includes('none') && p.antibodies.length > 1) problem('antibodies', 'Antibodies: "None" cannot be combined with others');
  return out;
}

/** A patient's saved records, as far as its dates constrain them. */
export type PatientRecords = {
  visits: { visitDate: string; visitType: 'baseline' | 'follow_up'; jakiDoseMgDay: number | null }[];
  adverseEvents: { onsetDate: string; term: string; ctcaeGrade: number }[];
  relapses: { relapseDate: string; domain: string }[];
};

/**
 * The patient's dates against its saved records, when the patient is edited: the same rules
 * the visit, adverse-event and relapse forms apply (lib/visits, lib/adverse-events,
 * lib/relapses), told from the patient's side, at the patient's field that a change broke.
 */
export function patientRecordsProblems(
  p: Pick<PatientFacts, 'jakiStartDate' | 'jakiStopDate' | 'deathDate' | 'followUpEndDate'>,
  records: PatientRecords,
): FieldProblem<PatientField>[] {
  const out: FieldProblem<PatientField>[] = [];
  const problem = (field: PatientField, message: string) => {
    if (!out.some((o) => o.field === field)) out.push({ field, message });
  };
  const { visits, adverseEvents, relapses } = records;
  const baseline = visits.find((v) => v.visitType === 'baseline');
  if (baseline) {
    const day = daysBetween(p.jakiStartDate, baseline.visitDate);
    if (day < -BASELINE_WINDOW.daysBefore || day > BASELINE_WINDOW.daysAfter)
      problem(
        'jakiStartDate',
        `The baseline visit (${baseline.visitDate}) must lie from ${BASELINE_WINDOW.daysBefore} days before to ${BASELINE_WINDOW.daysAfter} days after the JAK inhibitor start`,
      );
  }
  const early = visits.find((v) => v.visitType === 'follow_up' && v.visitDate < p.jakiStartDate);
  if (early) problem('jakiStartDate', `There is a follow-up visit on ${early.visitDate}, before this start date`);
  if (p.jakiStopDate) {
    const dosed = visits.find((v) => v.visitDate > p.jakiStopDate! && v.jakiDoseMgDay !== null && v.jakiDoseMgDay !== 0);
    if (dosed) problem('jakiStopDate', `The visit of ${dosed.visitDate} records a JAK inhibitor dose (${dosed.jakiDoseMgDay} mg/day) after this stop date`);
  }
  const after = (date: string | null, field: PatientField) => {
    if (!date) return;
    const visit = visits.find((v) => v.visitDate > date);
    if (visit) return problem(field, `There is a visit on ${visit.visitDate}, after this date`);
    const event = adverseEvents.find((e) => e.onsetDate > date);
    if (event) return problem(field, `The adverse event "${event.term}" began on ${event.onsetDate}, after this date`);
    const relapse = relapses.find((r) => r.relapseDate > date);
    if (relapse) problem(field, `There is a relapse on ${relapse.relapseDate}, after this date`);
  };
  after(p.deathDate, 'deathDate');
  after(p.followUpEndDate, 'followUpEndDate');
  const fatal = adverseEvents.find((e) => e.ctcaeGrade === 5);
  if (fatal && !p.deathDate) problem('deathDate', `The grade 5 adverse event "${fatal.term}" (${fatal.onsetDate}) records this patient's death: the death date is required`);
  return out;
}
