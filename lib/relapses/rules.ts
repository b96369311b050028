import { label } from '@/lib/codes';
import { endedPhrase, followUpEnd } from '@/lib/patients/follow-up';
import type { FieldProblem } from '@/lib/rules';

// The rules a relapse obeys (docs/interchange.md, relapses.csv), applied alike by the
// relapse form's data layer and by the import.

export type PlacedRelapse = { id?: string; relapseDate: string; domain: string; where?: string };

export function relapseProblems(
  r: PlacedRelapse,
  patient: { deathDate: string | null; followUpEndDate: string | null },
  others: PlacedRelapse[],
): FieldProblem<'relapseDate' | 'domain'>[] {
  const out: FieldProblem<'relapseDate' | 'domain'>[] = [];
  const end = followUpEnd(patient);
  if (end && r.relapseDate > end.date) out.push({ field: 'relapseDate', message: `No relapse can be dated after ${end.date}: ${endedPhrase(end)}` });
  const twin = others.find((o) => (o.id === undefined || o.id !== r.id) && o.domain === r.domain && o.relapseDate === r.relapseDate);
  if (twin)
    out.push({
      field: 'domain',
      message: `There is already a ${label(r.domain).toLowerCase()} relapse on ${r.relapseDate}${twin.where ? ` (${twin.where})` : ''}`,
    });
  return out;
}
