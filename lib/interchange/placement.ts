// Where a patient's imported visits may sit among each other and among the visits the
// database already holds. The rules are the app's (lib/visits/rules.ts checkVisitPlacement:
// one baseline, follow-ups after it and not before the JAK inhibitor start, one visit a day;
// placement.test.ts checks that both accept the same visits); the messages name lines.

import type { VisitType } from '@/lib/codes';

export type PlacedVisit = { visitDate: string; visitType: VisitType };
export type ImportedVisit = PlacedVisit & { line: number };
export type Misplaced = { line: number; column: 'visit_date' | 'visit_type'; message: string };

export function placeVisits(
  patientCode: string,
  saved: PlacedVisit[],
  imported: ImportedVisit[],
  jakiStartDate: string | null,
): Misplaced[] {
  const out: Misplaced[] = [];
  const refused = new Set<ImportedVisit>();
  const refuse = (v: ImportedVisit, column: Misplaced['column'], message: string) => {
    out.push({ line: v.line, column, message });
    refused.add(v);
  };
  const rows = [...imported].sort((a, b) => a.line - b.line);

  const days = new Map<string, number | 'saved'>(saved.map((v) => [v.visitDate, 'saved']));
  for (const v of rows) {
    const other = days.get(v.visitDate);
    if (other === 'saved') refuse(v, 'visit_date', `${patientCode}'s visit on ${v.visitDate} already exists`);
    else if (other !== undefined) refuse(v, 'visit_date', `${patientCode} has another visit on ${v.visitDate} (line ${other})`);
    else days.set(v.visitDate, v.line);
  }

  // The baseline the others are measured against: the database's, or the file's first (even
  // one refused above for its day, so that one mistake is not reported again on every follow-up).
  const savedBaseline = saved.find((v) => v.visitType === 'baseline');
  const newBaselines = rows.filter((v) => v.visitType === 'baseline');
  const first = newBaselines[0];
  const baseline: { visitDate: string; where: string } | null = savedBaseline
    ? { visitDate: savedBaseline.visitDate, where: 'in the database' }
    : first
      ? { visitDate: first.visitDate, where: `line ${first.line}` }
      : null;
  for (const v of newBaselines) {
    if (refused.has(v) || (!savedBaseline && v === first)) continue;
    refuse(v, 'visit_type', `${patientCode} already has a baseline visit (${baseline!.visitDate}, ${baseline!.where})`);
  }
  if (!savedBaseline && first && !refused.has(first)) {
    const earlier = saved.find((v) => v.visitDate <= first.visitDate);
    if (earlier) refuse(first, 'visit_date', `the baseline must be before every follow-up (${patientCode} has one on ${earlier.visitDate} in the database)`);
  }

  const followUps = rows.filter((v) => v.visitType === 'follow_up' && !refused.has(v));
  if (!baseline) {
    if (followUps[0]) refuse(followUps[0], 'visit_type', `${patientCode} has no baseline visit, neither in visits.csv nor in the database`);
    return out;
  }
  for (const v of followUps) {
    if (v.visitDate <= baseline.visitDate)
      refuse(v, 'visit_date', `a follow-up must be after the baseline (${baseline.visitDate}, ${baseline.where})`);
    else if (jakiStartDate && v.visitDate < jakiStartDate)
      refuse(v, 'visit_date', `a follow-up cannot be before the JAK inhibitor start (${jakiStartDate})`);
  }
  return out;
}
