import 'server-only';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { nextState, type QueryEntity, type QueryStep } from '@/lib/queries/rules';
import type { RaiseQueryInput } from '@/lib/schemas/data-query';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { currentCorrelationId } from '../correlation';
import { adverseEvents, dataQueries, dataQuerySteps, patients, relapses, user, visits } from '../schema';
import { listQueries, type QueryListRow } from './data-query-list';
import { canReach, patientInScope, recordInScope } from './scope';

// Queries on data (schema/data-queries.ts): raised on one field of a record of a patient in
// scope, answered, closed or sent back. Every step writes its row and an audit entry on the
// record queried, in one transaction; an answer that changes the value runs the record's own
// edit in that transaction and keeps the version it made and the edit's correlation id.

const RECORDS = { visit: visits, adverse_event: adverseEvents, relapse: relapses } as const;
const NAMES: Record<QueryEntity, string> = { patient: 'Patient', visit: 'Visit', adverse_event: 'Adverse event', relapse: 'Relapse' };

/** The record's patient and version when it is not voided and its patient is in scope. */
async function findRecord(tx: Db, entity: QueryEntity, id: string, siteIds: string[]): Promise<{ patientId: string; version: number } | null> {
  if (entity === 'patient') {
    const [row] = await tx.select({ patientId: patients.id, version: patients.version }).from(patients).where(and(eq(patients.id, id), patientInScope(siteIds)));
    return row ?? null;
  }
  const table = RECORDS[entity];
  const [row] = await tx
    .select({ patientId: table.patientId, version: table.version })
    .from(table)
    .innerJoin(patients, eq(patients.id, table.patientId))
    .where(and(eq(table.id, id), recordInScope(table, siteIds)));
  return row ?? null;
}

/** Raises a query on one field of a record the raiser's sites reach. */
export async function raiseQuery(db: Db, { actorId, siteIds, input }: { actorId: string; siteIds: string[]; input: RaiseQueryInput }): Promise<{ id: string; patientId: string }> {
  if (!canReach(siteIds, input.recordId)) throw new NotFoundError(NAMES[input.entity]);
  return db.transaction(async (tx) => {
    const record = await findRecord(tx, input.entity, input.recordId, siteIds);
    if (!record) throw new NotFoundError(NAMES[input.entity]);
    const [query] = await tx
      .insert(dataQueries)
      .values({ patientId: record.patientId, entity: input.entity, recordId: input.recordId, field: input.field, question: input.question, raisedBy: actorId })
      .returning({ id: dataQueries.id });
    await tx.insert(dataQuerySteps).values({ queryId: query!.id, step: 'raise', actorId, text: input.question });
    await writeAudit(tx, {
      actorId,
      action: 'query_raise',
      entity: input.entity,
      entityId: input.recordId,
      after: { queryId: query!.id, queryField: input.field, question: input.question, queryState: 'open' },
    });
    return { id: query!.id, patientId: record.patientId };
  });
}

type StepArgs = { actorId: string; siteIds: string[]; queryId: string; text: string | null };
type Change = { changedVersion: number };

const TEXT_KEY = { answer: 'answer', close: 'comment', reopen: 'comment' } as const;
const AUDIT_ACTION = { answer: 'query_answer', close: 'query_close', reopen: 'query_reopen' } as const;

/**
 * Takes an answer, a close or a send-back on a query of a patient in scope, from a state that
 * allows it (lib/queries/rules.ts). Only its raiser closes or sends back a query.
 */
async function takeStep(tx: Db, step: Exclude<QueryStep, 'raise'>, { actorId, siteIds, queryId, text }: StepArgs, change?: Change): Promise<{ patientId: string; entity: QueryEntity; recordId: string }> {
  if (!canReach(siteIds, queryId)) throw new NotFoundError('Query');
  const [query] = await tx
    .select({ id: dataQueries.id, patientId: dataQueries.patientId, entity: dataQueries.entity, recordId: dataQueries.recordId, field: dataQueries.field, state: dataQueries.state, raisedBy: dataQueries.raisedBy })
    .from(dataQueries)
    .innerJoin(patients, eq(patients.id, dataQueries.patientId))
    .where(and(eq(dataQueries.id, queryId), patientInScope(siteIds)))
    .for('update', { of: dataQueries });
  if (!query) throw new NotFoundError('Query');
  if (step !== 'answer' && query.raisedBy !== actorId) throw new ForbiddenError('Only the user who raised this query closes it or sends it back. Nothing was saved.');
  const next = nextState(query.state, step);
  if ('refused' in next) throw new ConflictError(next.refused);
  const correlation = change ? currentCorrelationId() : null;
  await tx.update(dataQueries).set({ state: next.to, updatedAt: new Date() }).where(eq(dataQueries.id, queryId));
  await tx.insert(dataQuerySteps).values({ queryId, step, actorId, text, changedVersion: change?.changedVersion ?? null, changeCorrelationId: correlation });
  await writeAudit(tx, {
    actorId,
    action: AUDIT_ACTION[step],
    entity: query.entity,
    entityId: query.recordId,
    after: { queryId, queryField: query.field, [TEXT_KEY[step]]: text, queryState: next.to, ...(change ? { changedVersion: change.changedVersion } : {}) },
  });
  return { patientId: query.patientId, entity: query.entity, recordId: query.recordId };
}

export type StepResult = { patientId: string };

/** A clinician answers without changing the value. */
export async function answerQuery(db: Db, args: StepArgs): Promise<StepResult> {
  return db.transaction((tx) => takeStep(tx, 'answer', args));
}

export async function closeQuery(db: Db, args: StepArgs): Promise<StepResult> {
  return db.transaction((tx) => takeStep(tx, 'close', args));
}

/** The raiser sends an answered query back, or opens a closed one again. */
export async function reopenQuery(db: Db, args: StepArgs): Promise<StepResult> {
  return db.transaction((tx) => takeStep(tx, 'reopen', args));
}

/**
 * An edit of a record that answers a query on it: the record's own edit (its checks, its
 * reason, its lock and its audit entry) and the answer, whose text is the edit's reason, land
 * together or not at all. Without `queryId`, the edit alone.
 */
export async function editAnsweringQuery<T>(
  db: Db,
  { actorId, siteIds, queryId, reason, entity, recordId }: { actorId: string; siteIds: string[]; queryId: string | undefined; reason: string; entity: QueryEntity; recordId: string },
  edit: (tx: Db) => Promise<T>,
): Promise<T> {
  if (queryId === undefined) return edit(db);
  if (!canReach(siteIds, queryId)) throw new NotFoundError('Query');
  return db.transaction(async (tx) => {
    const done = await edit(tx);
    const [query] = await tx.select({ entity: dataQueries.entity, recordId: dataQueries.recordId }).from(dataQueries).where(eq(dataQueries.id, queryId));
    if (!query || query.entity !== entity || query.recordId !== recordId) throw new NotFoundError('Query');
    const record = await findRecord(tx, entity, recordId, siteIds);
    if (!record) throw new NotFoundError(NAMES[entity]);
    await takeStep(tx, 'answer', { actorId, siteIds, queryId, text: reason }, { changedVersion: record.version });
    return done;
  });
}

export type QueryStepRow = {
  step: QueryStep;
  actorId: string;
  actorName: string | null;
  at: Date;
  text: string | null;
  changedVersion: number | null;
  changeCorrelationId: string | null;
};

/** A query with its steps in order (the list's row without its site and record names). */
export type DataQuery = Omit<QueryListRow, 'siteCode' | 'record'> & { patientId: string; recordId: string; steps: QueryStepRow[] };

/** Every query of a patient in scope (raised on the patient or any of its records), oldest first, each with its steps in order. */
export async function patientQueries(db: Db, { patientId, siteIds }: { patientId: string; siteIds: string[] }): Promise<DataQuery[]> {
  if (!canReach(siteIds, patientId)) return [];
  const rows = await db
    .select({ query: dataQueries, raisedByName: user.name })
    .from(dataQueries)
    .innerJoin(patients, eq(patients.id, dataQueries.patientId))
    .leftJoin(user, eq(user.id, dataQueries.raisedBy))
    .where(and(eq(dataQueries.patientId, patientId), patientInScope(siteIds)))
    .orderBy(asc(dataQueries.raisedAt), asc(dataQueries.id));
  return withSteps(db, rows.map((r) => ({ ...r.query, raisedByName: r.raisedByName })));
}

async function withSteps(db: Db, queries: Omit<DataQuery, 'steps'>[]): Promise<DataQuery[]> {
  if (queries.length === 0) return [];
  const steps = await db
    .select({
      queryId: dataQuerySteps.queryId,
      step: dataQuerySteps.step,
      actorId: dataQuerySteps.actorId,
      actorName: user.name,
      at: dataQuerySteps.at,
      text: dataQuerySteps.text,
      changedVersion: dataQuerySteps.changedVersion,
      changeCorrelationId: dataQuerySteps.changeCorrelationId,
    })
    .from(dataQuerySteps)
    .leftJoin(user, eq(user.id, dataQuerySteps.actorId))
    .where(inArray(dataQuerySteps.queryId, queries.map((q) => q.id)))
    .orderBy(asc(dataQuerySteps.id));
  return queries.map((q) => ({ ...q, steps: steps.filter((s) => s.queryId === q.id).map(({ queryId: _, ...s }) => s) }));
}

/** One query of a patient in scope with its steps and what names its record; null when out of reach. */
export async function getQuery(db: Db, { queryId, siteIds }: { queryId: string; siteIds: string[] }): Promise<{ query: DataQuery; row: QueryListRow } | null> {
  if (!canReach(siteIds, queryId)) return null;
  const [row] = await listQueries(db, { siteIds, filters: { queryId } });
  if (!row) return null;
  const { id, entity, field, question, state, raisedBy, raisedByName, raisedAt, updatedAt, record } = row;
  const [query] = await withSteps(db, [{ id, patientId: record.patientId!, entity, recordId: record.entityId, field, question, state, raisedBy, raisedByName, raisedAt, updatedAt }]);
  return { query: query!, row };
}

/**
 * How many queries wait for this user, for the navigation: open ones at their sites when they
 * answer queries, answered ones they raised when they raise them. One count on the state index.
 */
export async function awaitingCount(db: Db, { userId, siteIds, answers, raises }: { userId: string; siteIds: string[]; answers: boolean; raises: boolean }): Promise<number> {
  if (siteIds.length === 0 || (!answers && !raises)) return 0;
  const open = answers ? sql`${dataQueries.state} = 'open'` : sql`false`;
  const mine = raises ? sql`(${dataQueries.state} = 'answered' and ${dataQueries.raisedBy} = ${userId})` : sql`false`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dataQueries)
    .innerJoin(patients, eq(patients.id, dataQueries.patientId))
    .where(and(sql`(${open} or ${mine})`, patientInScope(siteIds)));
  return row?.n ?? 0;
}

/** Open queries per adverse event, for the auditor's listing (whose events are already those of the reader's sites). */
export async function openQueriesPerEvent(db: Db, { eventIds }: { eventIds: string[] }): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({ recordId: dataQueries.recordId, n: sql<number>`count(*)::int` })
    .from(dataQueries)
    .where(and(eq(dataQueries.entity, 'adverse_event'), eq(dataQueries.state, 'open'), inArray(dataQueries.recordId, eventIds)))
    .groupBy(dataQueries.recordId);
  return new Map(rows.map((r) => [r.recordId, r.n]));
}
