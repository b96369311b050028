// The rules between the files of an import and the database: patient codes unique in the
// whole database, visits and adverse events naming a known patient, visit placement, no event
// twice, and the caller's sites.

import type { AdverseEventRecord, VisitRecord } from './columns';
import { placeVisits, type ImportedVisit, type PlacedVisit } from './placement';
import type { Problem } from './problems';
import type { ReadImport, Row } from './read';

/** A patient the database already holds, as far as the import's rules need it. */
export type SavedPatient = {
  code: string;
  siteCode: string;
  voided: boolean;
  jakiStartDate: string;
  deathDate: string | null;
  visits: PlacedVisit[];
  /** adverseEventKey() of each of its adverse events. */
  adverseEvents: Set<string>;
};

export type ImportContext = {
  saved: Map<string, SavedPatient>;
  /** Site codes the caller may import for; null when any site will do (and a new one is created). */
  allowedSites: Set<string> | null;
};

/** What makes two adverse events of a patient the same event. */
export function adverseEventKey(e: Pick<AdverseEventRecord, 'onsetDate' | 'term' | 'category'>): string {
  return JSON.stringify([e.onsetDate, e.term, e.category]);
}

export function checkImport(read: ReadImport, ctx: ImportContext): Problem[] {
  if (!read.complete) return [];
  const problems: Problem[] = [];
  const imported = new Map<string, { line: number; jakiStartDate: string | null; deathDate: string | null; datesValid: boolean }>();

  for (const { line, value: p, invalid } of read.patients) {
    if (invalid.has('code')) continue;
    const first = imported.get(p.code);
    if (first) {
      problems.push({ file: 'patients.csv', line, column: 'patient_code', message: `${p.code} appears twice (also on line ${first.line})` });
      continue;
    }
    imported.set(p.code, {
      line,
      jakiStartDate: invalid.has('jakiStartDate') ? null : p.jakiStartDate,
      deathDate: p.deathDate,
      datesValid: !invalid.has('deathDate'),
    });
    if (ctx.saved.has(p.code)) problems.push({ file: 'patients.csv', line, column: 'patient_code', message: `${p.code} already exists` });
    if (!invalid.has('site') && ctx.allowedSites && !ctx.allowedSites.has(p.site))
      problems.push({ file: 'patients.csv', line, column: 'site', message: `you cannot import patients of site ${p.site}` });
  }

  /** Whether a visit or an event may name this patient; a problem otherwise. */
  const patientProblem = (code: string): string | null => {
    const unknown = `${code} is neither in patients.csv nor ${ctx.allowedSites ? "among your sites' patients" : 'in the database'}`;
    const saved = ctx.saved.get(code);
    if (saved) {
      // Another site's patient answers as an unknown one: neither its site nor its state shows.
      if (ctx.allowedSites && !ctx.allowedSites.has(saved.siteCode)) return unknown;
      if (saved.voided) return `${code} has been voided`;
      return null;
    }
    return imported.has(code) ? null : unknown;
  };

  const known = <R extends { patientCode: string }>(file: Problem['file'], rows: Row<R>[]) =>
    rows.filter(({ line, value, invalid }) => {
      if (invalid.has('patientCode')) return false;
      const message = patientProblem(value.patientCode);
      if (message) problems.push({ file, line, column: 'patient_code', message });
      return !message;
    });

  const visitsByPatient = new Map<string, ImportedVisit[]>();
  for (const { line, value, invalid } of known<VisitRecord>('visits.csv', read.visits)) {
    if (invalid.has('visitDate') || invalid.has('visitType')) continue;
    const list = visitsByPatient.get(value.patientCode) ?? [];
    list.push({ line, visitDate: value.visitDate, visitType: value.visitType });
    visitsByPatient.set(value.patientCode, list);
  }
  for (const [code, rows] of visitsByPatient) {
    const saved = ctx.saved.get(code);
    const start = saved ? saved.jakiStartDate : (imported.get(code)?.jakiStartDate ?? null);
    for (const m of placeVisits(code, saved?.visits ?? [], rows, start))
      problems.push({ file: 'visits.csv', line: m.line, column: m.column, message: m.message });
  }

  const events = new Map<string, number>();
  for (const { line, value, invalid } of known<AdverseEventRecord>('adverse_events.csv', read.adverseEvents)) {
    problems.push(...deathProblems(line, value, invalid));
    if (invalid.has('onsetDate') || invalid.has('term') || invalid.has('category')) continue;
    const key = adverseEventKey(value);
    const where = `${value.patientCode}, ${value.category}, onset ${value.onsetDate}`;
    if (ctx.saved.get(value.patientCode)?.adverseEvents.has(key)) {
      problems.push({ file: 'adverse_events.csv', line, column: 'term', message: `this adverse event (${where}) already exists` });
      continue;
    }
    const patientKey = JSON.stringify([value.patientCode, key]);
    const first = events.get(patientKey);
    if (first !== undefined)
      problems.push({ file: 'adverse_events.csv', line, column: 'term', message: `the same adverse event (${where}) is also on line ${first}` });
    else events.set(patientKey, line);
  }
  return problems;

  /** As the adverse-event form: a grade 5 event needs the patient's death date, and no event begins after it. */
  function deathProblems(line: number, e: AdverseEventRecord, invalid: Set<keyof AdverseEventRecord>): Problem[] {
    const saved = ctx.saved.get(e.patientCode);
    const patient = saved ? { deathDate: saved.deathDate, datesValid: true } : imported.get(e.patientCode);
    if (!patient?.datesValid) return [];
    const { deathDate } = patient;
    const out: Problem[] = [];
    if (!invalid.has('ctcaeGrade') && e.ctcaeGrade === 5 && !deathDate)
      out.push({ file: 'adverse_events.csv', line, column: 'ctcae_grade', message: `5 is a death, but ${e.patientCode} has no death_date` });
    if (!invalid.has('onsetDate') && deathDate && e.onsetDate > deathDate)
      out.push({ file: 'adverse_events.csv', line, column: 'onset_date', message: `${e.onsetDate} is after ${e.patientCode}'s death (${deathDate})` });
    return out;
  }
}
