import 'server-only';
import type { AdverseEventFilters, AdverseEventSort, AdverseEventSortKey } from '@/db/queries/adverse-event-listing';
import { AE_CATEGORIES } from '@/lib/codes';
import { filterDate } from '@/lib/date-entry';

// The auditor's listing filters, read from a query string: the page and the exports agree.

export type AeQuery = Partial<Record<'site' | 'category' | 'grade' | 'serious' | 'special' | 'from' | 'to' | 'reviewed' | 'sort' | 'dir', string>>;

const SORT_KEYS: AdverseEventSortKey[] = ['onset', 'grade', 'patient', 'category', 'site'];
const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);

export function parseAeQuery(q: AeQuery): { filters: AdverseEventFilters; sort: AdverseEventSort } {
  const grade = Number(q.grade);
  const filters: AdverseEventFilters = {
    siteCode: q.site || undefined,
    category: q.category && (AE_CATEGORIES as readonly string[]).includes(q.category) ? q.category : undefined,
    grade: Number.isInteger(grade) && grade >= 1 && grade <= 5 ? grade : undefined,
    serious: yesNo(q.serious),
    specialInterest: yesNo(q.special),
    from: filterDate(q.from),
    to: filterDate(q.to),
    reviewed: yesNo(q.reviewed),
  };
  const key = SORT_KEYS.includes(q.sort as AdverseEventSortKey) ? (q.sort as AdverseEventSortKey) : 'onset';
  return { filters, sort: { key, dir: q.dir === 'desc' ? 'desc' : 'asc' } };
}
