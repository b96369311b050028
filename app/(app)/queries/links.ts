import type { QueryEntity } from '@/lib/queries/rules';

const PATHS: Record<Exclude<QueryEntity, 'patient'>, string> = { visit: 'visits', adverse_event: 'adverse-events', relapse: 'relapses' };

/** The edit form of the record a query is on, opened to answer it. */
export function editHref(q: { id: string; patientId: string; entity: QueryEntity; recordId: string }): string {
  const base = `/patients/${q.patientId}`;
  const record = q.entity === 'patient' ? base : `${base}/${PATHS[q.entity]}/${q.recordId}`;
  return `${record}/edit?query=${q.id}`;
}

/** The history page of the record a query is on. */
export function historyHref(q: { patientId: string; entity: QueryEntity; recordId: string }): string {
  const base = `/patients/${q.patientId}`;
  return q.entity === 'patient' ? `${base}/history` : `${base}/${PATHS[q.entity]}/${q.recordId}/history`;
}
