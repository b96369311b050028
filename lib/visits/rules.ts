import type { VisitType } from '@/lib/codes';

export type PlacedVisit = { id: string; visitType: VisitType; visitDate: string };

/**
 * Where a visit may sit among the patient's other visits: one baseline, follow-ups after it,
 * one visit a day. Returns field messages; empty when the visit fits.
 */
export function checkVisitPlacement(
  visit: { id?: string; visitType: VisitType; visitDate: string },
  others: PlacedVisit[],
  jakiStartDate?: string,
): Partial<Record<'visitType' | 'visitDate', string>> {
  const rest = others.filter((o) => o.id !== visit.id);
  const baseline = rest.find((o) => o.visitType === 'baseline');
  if (visit.visitType === 'baseline') {
    if (baseline) return { visitType: `This patient already has a baseline visit (${baseline.visitDate})` };
    const earlier = rest.find((o) => o.visitDate <= visit.visitDate);
    if (earlier) return { visitDate: `The baseline must be before every follow-up (there is one on ${earlier.visitDate})` };
  } else {
    if (!baseline) return { visitType: 'Enter the baseline visit before any follow-up' };
    if (visit.visitDate <= baseline.visitDate)
      return { visitDate: `A follow-up must be dated after the baseline (${baseline.visitDate})` };
    if (jakiStartDate && visit.visitDate < jakiStartDate)
      return { visitDate: `A follow-up cannot be before the JAK inhibitor start (${jakiStartDate})` };
  }
  if (rest.some((o) => o.visitDate === visit.visitDate)) return { visitDate: `There is already a visit on ${visit.visitDate}` };
  return {};
}
