// The rules between the files of an import and the database: patient codes unique in the
// whole database, visits, adverse events and relapses naming a known patient and fitting its
// dates (the forms' rules: lib/visits, lib/adverse-events, lib/relapses), no record twice,
// and the caller's sites.

import { eventPatientProblems, type EventPatient } from '@/lib/adverse-events/rules';
import { relapseProblems, type PlacedRelapse } from '@/lib/relapses/rules';
import type { PlacedVisit, VisitPatient } from '@/lib/visits/rules';
import type { AdverseEventRecord, PatientRecord, RelapseRecord, VisitRecord } from './columns';
import { placeVisits, type ImportedVisit } from './placement';
import type { FileName, Problem } from './problems';
import type { ReadImport, Row } from './read';

/** The dates a patient's records are checked against. */
export type PatientDates = VisitPatient & EventPatient;

/** A patient the database already holds, as far as the import's rules need it. */
export type SavedPatient = PatientDates & {
  code: string;
  siteCode: string;
  voided: boolean;
  visits: PlacedVisit[];
  /** adverseEventKey() of each of its adverse events. */
  adverseEvents: Set<string>;
  relapses: PlacedRelapse[];
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

const DATE_FIELDS: (keyof PatientRecord)[] = ['jakiStartDate', 'jakiStopDate', 'deathDate', 'followUpEndDate'];

export function checkImport(read: ReadImport, ctx: ImportContext): Problem[] {
  if (!read.complete) return [];
  const check = new ImportCheck(ctx);
  check.patients(read.patients);
  check.visits(read.visits);
  check.alreadyImported();
  check.placeVisits();
  check.adverseEvents(read.adverseEvents);
  check.relapses(read.relapses);
  return check.problems;
}

/**
 * The same rules a file at a time, visits a batch at a time (the import reads visits.csv in
 * batches): patients first, then visits (placed once all are in), events and relapses.
 * `ctx.saved` may grow between batches, as the patients a batch names are looked up.
 */
export class ImportCheck {
  readonly problems: Problem[] = [];
  /** Imported patients by code; `dates` null when a date cell was refused (their records are then checked among themselves only). */
  private readonly imported = new Map<string, { line: number; dates: PatientDates | null }>();
  /** What placing a patient's visits needs of each, no more: a batch's whole rows are not kept. */
  private readonly visitsByPatient = new Map<string, ImportedVisit[]>();
  /** One string for each date the visits name: a long file has far fewer days than visits. */
  private readonly dates = new Map<string, string>();

  /** The patients of the file, and those of them the database holds: all of them says the files were imported already. */
  private patientCount = 0;
  private savedCount = 0;

  constructor(private readonly ctx: ImportContext) {}

  private problem(file: FileName, line: number, column: string, message: string) {
    this.problems.push({ file, line, column, message });
  }

  patients(rows: Row<PatientRecord>[]) {
    const { ctx, imported } = this;
    for (const { line, value: p, invalid } of rows) {
      if (invalid.has('code')) continue;
      const first = imported.get(p.code);
      if (first) {
        this.problem('patients.csv', line, 'patient_code', `${p.code} appears twice (also on line ${first.line})`);
        continue;
      }
      const datesValid = !DATE_FIELDS.some((k) => invalid.has(k));
      // The dates alone: the patient's whole row is not kept while its visits are read.
      const dates = datesValid ? { jakiStartDate: p.jakiStartDate, jakiStopDate: p.jakiStopDate, deathDate: p.deathDate, followUpEndDate: p.followUpEndDate } : null;
      imported.set(p.code, { line, dates });
      this.patientCount++;
      if (ctx.saved.has(p.code)) {
        this.savedCount++;
        this.problem('patients.csv', line, 'patient_code', `${p.code} already exists`);
      }
      if (!invalid.has('site') && ctx.allowedSites && !ctx.allowedSites.has(p.site))
        this.problem('patients.csv', line, 'site', `you cannot import patients of site ${p.site} (only an admin can import a site you are not given)`);
    }
  }

  /** Whether a visit, an event or a relapse may name this patient; a message otherwise. */
  private patientProblem(code: string): string | null {
    const { ctx } = this;
    const unknown = `${code} is neither in patients.csv nor ${ctx.allowedSites ? "among your sites' patients" : 'in the database'}`;
    const saved = ctx.saved.get(code);
    if (saved) {
      // Another site's patient answers as an unknown one: neither its site nor its state shows.
      if (ctx.allowedSites && !ctx.allowedSites.has(saved.siteCode)) return unknown;
      if (saved.voided) return `${code} has been voided`;
      return null;
    }
    return this.imported.has(code) ? null : unknown;
  }

  private datesOf(code: string): PatientDates | null {
    return this.ctx.saved.get(code) ?? this.imported.get(code)?.dates ?? null;
  }

  private known<R extends { patientCode: string }>(file: FileName, rows: Row<R>[]) {
    return rows.filter(({ line, value, invalid }) => {
      if (invalid.has('patientCode')) return false;
      const message = this.patientProblem(value.patientCode);
      if (message) this.problem(file, line, 'patient_code', message);
      return !message;
    });
  }

  private sharedDate(date: string): string {
    const known = this.dates.get(date);
    if (known !== undefined) return known;
    this.dates.set(date, date);
    return date;
  }

  visits(rows: Row<VisitRecord>[]) {
    for (const { line, value, invalid } of this.known<VisitRecord>('visits.csv', rows)) {
      if (invalid.has('visitDate') || invalid.has('visitType')) continue;
      const list = this.visitsByPatient.get(value.patientCode) ?? [];
      list.push({ line, visitDate: this.sharedDate(value.visitDate), visitType: value.visitType, jakiDoseMgDay: invalid.has('jakiDoseMgDay') ? null : value.jakiDoseMgDay });
      this.visitsByPatient.set(value.patientCode, list);
    }
  }

  /**
   * Once every patient is in: when the database holds every one of them, a problem above the
   * others says what thousands of "already exists" would leave the reader to guess.
   */
  alreadyImported() {
    if (this.patientCount > 1 && this.savedCount === this.patientCount)
      this.problem('patients.csv', 1, 'patient_code', `all ${this.patientCount} patients of the file already exist: were these files imported already?`);
  }

  /** Once every visit is in: each patient's visits placed among its saved ones. */
  placeVisits() {
    for (const [code, rows] of this.visitsByPatient)
      for (const m of placeVisits(this.ctx.saved.get(code)?.visits ?? [], rows, this.datesOf(code))) this.problem('visits.csv', m.line, m.column, m.message);
  }

  adverseEvents(rows: Row<AdverseEventRecord>[]) {
    const { ctx } = this;
    const events = new Map<string, number>();
    for (const { line, value, invalid } of this.known<AdverseEventRecord>('adverse_events.csv', rows)) {
      const dates = this.datesOf(value.patientCode);
      if (dates && !invalid.has('onsetDate') && !invalid.has('ctcaeGrade'))
        for (const p of eventPatientProblems(value, dates))
          this.problem('adverse_events.csv', line, p.field === 'deathDate' ? 'ctcae_grade' : 'onset_date', p.message);
      if (invalid.has('onsetDate') || invalid.has('term') || invalid.has('category')) continue;
      const key = adverseEventKey(value);
      const where = `${value.patientCode}, ${value.category}, onset ${value.onsetDate}`;
      if (ctx.saved.get(value.patientCode)?.adverseEvents.has(key)) {
        this.problem('adverse_events.csv', line, 'term', `this adverse event (${where}) already exists`);
        continue;
      }
      const patientKey = JSON.stringify([value.patientCode, key]);
      const first = events.get(patientKey);
      if (first !== undefined) this.problem('adverse_events.csv', line, 'term', `the same adverse event (${where}) is also on line ${first}`);
      else events.set(patientKey, line);
    }
  }

  relapses(rows: Row<RelapseRecord>[]) {
    const { ctx } = this;
    const relapsesOf = new Map<string, PlacedRelapse[]>();
    for (const { line, value, invalid } of this.known<RelapseRecord>('relapses.csv', rows)) {
      if (invalid.has('relapseDate') || invalid.has('domain')) continue;
      const code = value.patientCode;
      const others = relapsesOf.get(code) ?? (ctx.saved.get(code)?.relapses ?? []).map((r) => ({ ...r, where: 'in the database' }));
      const dates = this.datesOf(code) ?? { deathDate: null, followUpEndDate: null };
      const found = relapseProblems(value, dates, others);
      for (const p of found) this.problem('relapses.csv', line, p.field === 'relapseDate' ? 'relapse_date' : 'domain', p.message);
      relapsesOf.set(code, found.some((p) => p.field === 'domain') ? others : [...others, { ...value, where: `line ${line}` }]);
    }
  }
}
