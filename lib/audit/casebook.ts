import { label } from '@/lib/codes';
import { STATE_WORDS, STEP_WORDS, fieldLabel, type QueryState, type QueryStep } from '@/lib/queries/rules';
import { MEANING_WORDS, validityText, type ShownSignature, type SignedKind } from '@/lib/signatures/meaning';
import { VERIFICATION_WORDS, verificationSummary, type VerificationState } from '@/lib/records/verification';
import { actionWords, actorWords, changeText, describeChanges, fieldsOf, valueText, type Grid, type Names } from './describe';
import { timeText } from '@/lib/dates';

// A patient's casebook as a reader gets it (docs/evidence.md): every record of the patient
// (voided ones too) with its fields in its form's words and order, its source verification and
// its history. Queries and signatures are their own kinds of data: the caller passes them, in
// words, when it has them, and the casebook then prints a section for each.

export type CasebookEntity = 'patient' | 'visit' | 'adverse_event' | 'relapse';

/** A record as stored (its values as the audit trail keeps them: JSON, timestamps as ISO strings). */
export type StoredRecord = { entity: CasebookEntity; id: string; values: Record<string, unknown> };

/** One audit entry of a record (db/queries/history.ts gives them). */
export type HistoryStep = { at: Date; actorId: string; actorName: string | null; action: string; reason: string | null; before: unknown; after: unknown };

export type RecordCheck = { state: VerificationState; verifiedAt: Date | null; verifiedBy: string | null };

/** What the data layer reads for a casebook (db/queries/casebook.ts). */
export type CasebookSource = {
  patientCode: string;
  siteCode: string;
  cohortCode: string;
  cohortLockedAt: Date | null;
  /** The patient first, then visits, adverse events and relapses in date order. */
  records: StoredRecord[];
  /** By record id. */
  history: ReadonlyMap<string, HistoryStep[]>;
  /** By record id: the visits, events and relapses not voided. */
  checks: ReadonlyMap<string, RecordCheck>;
  /** Site and cohort codes by id (values name them by id). */
  names: Names;
  /** Users' names by id (a check names its verifier by id). */
  people: Names;
};

/** A query on a record's field, in words: its steps (raised, answered, closed…) in order. */
export type CasebookQuery = { record: string; field: string; state: string; steps: { at: Date; by: string; what: string; text: string | null }[] };

/** A signature, in words: `status` says whether it still holds ("valid", "no longer valid: changed on …"). */
export type CasebookSignature = { record: string; meaning: string; signedBy: string; signedAt: Date; status: string };

export type CasebookField = { label: string; value: string };
export type CasebookStep = { at: Date; who: string; action: string; reason: string | null; changes: string[] };

export type CasebookRecord = {
  title: string;
  /** "Voided 2025-03-02 14:05 UTC: entered twice"; null when not voided. */
  voided: string | null;
  /** The source verification in words; null for the patient itself and for voided records. */
  check: string | null;
  fields: CasebookField[];
  grids: { label: string; grid: Grid }[];
  history: CasebookStep[];
};

export type Casebook = {
  patientCode: string;
  site: string;
  cohort: string;
  cohortLocked: string | null;
  generatedAt: Date;
  generatedBy: string;
  /** "3 / 5 verified (60%)". */
  verification: string;
  records: CasebookRecord[];
  queries?: CasebookQuery[];
  signatures?: CasebookSignature[];
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function recordTitle({ entity, values: v }: StoredRecord, patientCode: string): string {
  switch (entity) {
    case 'patient':
      return `Patient ${patientCode}`;
    case 'visit':
      return `Visit ${text(v.visitDate)} · ${label(text(v.visitType))}`;
    case 'adverse_event':
      return `Adverse event: ${text(v.term)} · onset ${text(v.onsetDate)}`;
    case 'relapse':
      return `Relapse ${text(v.relapseDate)} · ${label(text(v.domain))}`;
  }
}

/** Each record's title by its id, for what names a record (a query, a signature). */
function recordTitles(source: CasebookSource): Map<string, string> {
  return new Map(source.records.map((r) => [r.id, recordTitle(r, source.patientCode)]));
}

function checkWords(check: RecordCheck | undefined, people: Names): string {
  if (!check) return VERIFICATION_WORDS.not_verified;
  const by = check.verifiedBy ? ` by ${people[check.verifiedBy] ?? check.verifiedBy}` : '';
  const when = check.verifiedAt ? ` on ${timeText(check.verifiedAt)}${by}` : '';
  return check.state === 'changed' ? `${VERIFICATION_WORDS.changed} (verified${when})` : `${VERIFICATION_WORDS[check.state]}${when}`;
}

/** One record: its fields in its form's order (a calculator's items as their grid), its check and its history. */
function casebookRecord(record: StoredRecord, source: CasebookSource): CasebookRecord {
  const v = record.values;
  const fields: CasebookField[] = [];
  const grids: CasebookRecord['grids'] = [];
  for (const field of fieldsOf(record.entity)) {
    if (field.kind === 'cdasi' || field.kind === 'mmt8') {
      // The grid as a creation of these items alone shows it.
      const [change] = describeChanges(record.entity, undefined, { [field.key]: v[field.key] }, source.names);
      if (change?.kind === 'grid') grids.push({ label: field.label, grid: change.grid });
      continue;
    }
    fields.push({ label: field.label, value: valueText(field, v[field.key], source.names) });
  }
  const voided = v.voidedAt ? `Voided ${timeText(String(v.voidedAt))}${v.voidReason ? `: ${text(v.voidReason)}` : ''}` : null;
  return {
    title: `${recordTitle(record, source.patientCode)}${voided ? ' (voided)' : ''}`,
    voided,
    check: record.entity === 'patient' || voided ? null : checkWords(source.checks.get(record.id), source.people),
    fields,
    grids,
    history: (source.history.get(record.id) ?? []).map((s) => ({
      at: s.at,
      who: actorWords(s.actorId, s.actorName),
      action: actionWords(s.action),
      reason: s.reason,
      changes: describeChanges(record.entity, s.before, s.after, source.names).map(changeText),
    })),
  };
}

/** A query as the data layer keeps it (db/queries/data-queries.ts, patientQueries). */
export type StoredQuery = {
  entity: CasebookEntity;
  recordId: string;
  field: string;
  state: QueryState;
  steps: { step: QueryStep; actorId: string; actorName: string | null; at: Date; text: string | null; changedVersion: number | null }[];
};

/** The patient's queries in words, each naming its record as the casebook titles it. */
export function casebookQueries(queries: StoredQuery[], source: CasebookSource): CasebookQuery[] {
  const titles = recordTitles(source);
  return queries.map((q) => ({
    record: titles.get(q.recordId) ?? `${label(q.entity)} (not found)`,
    field: fieldLabel(q.entity, q.field),
    state: STATE_WORDS[q.state],
    steps: q.steps.map((s) => ({
      at: s.at,
      by: actorWords(s.actorId, s.actorName),
      what: s.changedVersion ? `${STEP_WORDS[s.step]}, value changed (version ${s.changedVersion})` : STEP_WORDS[s.step],
      text: s.text,
    })),
  }));
}

/** The patient's signatures in words: the whole casebook's, or a visit's as the casebook titles it, and whether each still holds. */
export function casebookSignatures(signatures: (ShownSignature & { kind: SignedKind; recordId: string })[], source: CasebookSource): CasebookSignature[] {
  const titles = recordTitles(source);
  return signatures.map((s) => ({
    record: s.kind === 'patient' ? 'Whole casebook' : (titles.get(s.recordId) ?? 'Visit (not found)'),
    meaning: MEANING_WORDS[s.meaning],
    signedBy: s.signerName,
    signedAt: s.signedAt,
    status: validityText(s),
  }));
}

/** The casebook of what the data layer read, generated now by `generatedBy`; with the queries and signatures when given. */
export function casebookOf(
  source: CasebookSource,
  { generatedAt, generatedBy, queries, signatures }: { generatedAt: Date; generatedBy: string; queries?: CasebookQuery[]; signatures?: CasebookSignature[] },
): Casebook {
  const checks = [...source.checks.values()];
  return {
    patientCode: source.patientCode,
    site: source.siteCode,
    cohort: source.cohortCode,
    cohortLocked: source.cohortLockedAt ? `locked for analysis since ${timeText(source.cohortLockedAt)}` : null,
    generatedAt,
    generatedBy,
    verification: verificationSummary({
      verified: checks.filter((c) => c.state === 'verified').length,
      changed: checks.filter((c) => c.state === 'changed').length,
      total: checks.length,
    }),
    records: source.records.map((r) => casebookRecord(r, source)),
    ...(queries && { queries }),
    ...(signatures && { signatures }),
  };
}
