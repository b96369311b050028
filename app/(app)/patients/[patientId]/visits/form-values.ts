import type { Visit } from '@/db/queries/visits';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';
import type { VisitFormValues } from '@/lib/schemas/visit';
import { str, yesNo } from '../../form-values';

/** A saved measure as its form input: numbers and codes as text, yes/no as the select's values, '' when not recorded. */
function asInput(field: VisitField, value: unknown): string {
  if (field.kind === 'yesno') return yesNo(value as boolean | null);
  return str(value as string | number | null);
}

function measures(values: Partial<Record<string, unknown>>) {
  return Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, asInput(f, values[f.key] ?? null)]));
}

export function visitFormValues(v: Visit): VisitFormValues {
  return {
    visitDate: v.visitDate,
    visitType: v.visitType,
    cdasiItems: v.cdasiItems,
    mmt8Items: v.mmt8Items,
    ...measures(v),
  };
}

/**
 * A new visit: today, a baseline if there is none yet, the JAKi dose carried from the last
 * visit while the JAK inhibitor runs (none once it has stopped: a later visit records no dose).
 */
export function newVisitFormValues({ today, hasBaseline, jakiDoseMgDay }: { today: string; hasBaseline: boolean; jakiDoseMgDay: number | null }): VisitFormValues {
  return {
    visitDate: today,
    visitType: hasBaseline ? 'follow_up' : 'baseline',
    cdasiItems: null,
    mmt8Items: null,
    ...measures({ jakiDoseMgDay }),
  };
}
