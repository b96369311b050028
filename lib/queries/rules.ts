import { fieldsOf } from '@/lib/audit/describe';
import type { Role } from '@/lib/codes';
import type { RecordField } from '@/lib/records/fields';

// Queries on data (db/queries/data-queries.ts): who may take which step from which state, the
// fields a query may name, and the words the pages use.

export const QUERY_ENTITIES = ['patient', 'visit', 'adverse_event', 'relapse'] as const;
export type QueryEntity = (typeof QUERY_ENTITIES)[number];
export const QUERY_STATES = ['open', 'answered', 'closed'] as const;
export type QueryState = (typeof QUERY_STATES)[number];
export type QueryStep = 'raise' | 'answer' | 'close' | 'reopen';

export const STATE_WORDS: Record<QueryState, string> = { open: 'open', answered: 'answered', closed: 'closed' };
export const STEP_WORDS: Record<QueryStep, string> = { raise: 'Raised', answer: 'Answered', close: 'Closed', reopen: 'Sent back' };

/** Auditors and coordinators raise queries, and close or send back the ones they raised. */
export function canRaiseQuery(role: Role): boolean {
  return role === 'auditor' || role === 'coordinator';
}

/** The site's clinicians (and coordinators) answer: the roles that change clinical data. */
export function canAnswerQuery(role: Role): boolean {
  return role === 'clinician' || role === 'coordinator';
}

/** The states a step may be taken from, and the state it leads to. */
const STEPS: Record<Exclude<QueryStep, 'raise'>, { from: readonly QueryState[]; to: QueryState }> = {
  answer: { from: ['open'], to: 'answered' },
  // The raiser may withdraw an open query (raised by mistake) as well as close an answered one.
  close: { from: ['open', 'answered'], to: 'closed' },
  reopen: { from: ['answered', 'closed'], to: 'open' },
};

/** The state after `step`, or why the step cannot be taken now. */
export function nextState(state: QueryState, step: Exclude<QueryStep, 'raise'>): { to: QueryState } | { refused: string } {
  const rule = STEPS[step];
  if (rule.from.includes(state)) return { to: rule.to };
  const done = { answer: 'answered', close: 'closed', reopen: 'sent back' }[step];
  return { refused: `This query is ${STATE_WORDS[state]} (someone may have just changed it): it cannot be ${done} now. Reload the page. Nothing was saved.` };
}

/** Whether the user may take `step` on a query in `state` that `raisedBy` raised (the site is checked by the data layer). */
export function mayTake(step: Exclude<QueryStep, 'raise'>, { role, userId }: { role: Role; userId: string }, { state, raisedBy }: { state: QueryState; raisedBy: string }): boolean {
  if (!STEPS[step].from.includes(state)) return false;
  return step === 'answer' ? canAnswerQuery(role) : canRaiseQuery(role) && raisedBy === userId;
}

// A calculator's items are queried through its total (the grid has no single field to point at).
const NOT_QUERIED = new Set<RecordField['kind']>(['cdasi', 'mmt8']);

/** The fields of a record a query may name, in its form's order (the record's field table). */
export function queryFields(entity: QueryEntity): readonly RecordField[] {
  return fieldsOf(entity).filter((f) => !NOT_QUERIED.has(f.kind));
}

/** The field's label with its unit, or the key itself when the table no longer has it. */
export function fieldLabel(entity: string, key: string): string {
  const field = fieldsOf(entity).find((f) => f.key === key);
  if (!field) return key;
  return field.unit ? `${field.label} (${field.unit})` : field.label;
}

/** Whole days from `from` to `now`. */
export function ageInDays(from: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000));
}

/** The Queries list's age filter: older than this many days. */
export const AGE_FILTERS = [
  { value: '7', text: 'Older than 7 days' },
  { value: '14', text: 'Older than 14 days' },
  { value: '30', text: 'Older than 30 days' },
] as const;
