import 'server-only';
import type { QueryFilters } from '@/db/queries/data-query-list';
import { AGE_FILTERS, QUERY_STATES, type QueryState } from '@/lib/queries/rules';

// The Queries list's filters, read from a query string: the page and its CSV agree.

export type QueriesQuery = Partial<Record<'site' | 'state' | 'age' | 'raiser' | 'patient', string>>;

export function parseQueriesQuery(q: QueriesQuery): QueryFilters {
  return {
    siteCode: q.site || undefined,
    state: (QUERY_STATES as readonly string[]).includes(q.state ?? '') ? (q.state as QueryState) : undefined,
    olderThanDays: AGE_FILTERS.some((a) => a.value === q.age) ? Number(q.age) : undefined,
    raisedBy: q.raiser ? q.raiser.slice(0, 100) : undefined,
    patientCode: q.patient?.trim() ? q.patient.trim().slice(0, 100) : undefined,
  };
}
