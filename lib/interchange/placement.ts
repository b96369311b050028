// Where a patient's imported visits may sit among each other, among the visits the database
// already holds, and against the patient's dates: the visit form's rules
// (lib/visits/rules.ts visitPlacementProblems), applied row by row, with messages that name lines.

import { NO_BASELINE, visitPlacementProblems, type PlacedVisit, type VisitPatient } from '@/lib/visits/rules';
import type { VisitType } from '@/lib/codes';

export type ImportedVisit = { line: number; visitDate: string; visitType: VisitType; jakiDoseMgDay: number | null };
export type Misplaced = { line: number; column: 'visit_date' | 'visit_type' | 'jaki_dose_mg_day'; message: string };

const COLUMN = { visitDate: 'visit_date', visitType: 'visit_type', jakiDoseMgDay: 'jaki_dose_mg_day' } as const;

/**
 * Rows are taken in line order; each is placed among the database's visits and the rows
 * accepted before it, as the form places a visit among the saved ones. A follow-up is also
 * measured against the file's baseline when that comes later in the file (even a baseline
 * refused for its day, so that one mistake is not reported again on every follow-up), and a
 * patient with no baseline at all is told so once.
 * `patient` is null when the patient's own dates could not be read: placement among visits
 * is still checked.
 */
export function placeVisits(saved: PlacedVisit[], imported: ImportedVisit[], patient: VisitPatient | null): Misplaced[] {
  const out: Misplaced[] = [];
  const rows = [...imported].sort((a, b) => a.line - b.line);
  const at = (v: ImportedVisit): PlacedVisit => ({ visitType: v.visitType, visitDate: v.visitDate, where: `line ${v.line}` });
  const accepted: PlacedVisit[] = saved.map((v) => ({ ...v, where: 'in the database' }));
  const fileBaseline = saved.some((v) => v.visitType === 'baseline') ? undefined : rows.find((v) => v.visitType === 'baseline');

  let noBaselineTold = false;
  for (const row of rows) {
    const others = [...accepted];
    if (row.visitType === 'follow_up' && fileBaseline && !others.some((o) => o.visitType === 'baseline')) others.push(at(fileBaseline));
    // A patient without any baseline is told once, on its first follow-up.
    const problems = visitPlacementProblems(row, others, patient).filter((p) => !(p.message === NO_BASELINE && noBaselineTold));
    noBaselineTold ||= problems.some((p) => p.message === NO_BASELINE);
    for (const p of problems) out.push({ line: row.line, column: COLUMN[p.field], message: p.message });
    if (!problems.some((p) => p.field !== 'jakiDoseMgDay')) accepted.push(at(row));
  }
  return out;
}
