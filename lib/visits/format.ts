import { label } from '@/lib/codes';
import { companionsOf, type VisitField, type VisitMeasures } from './fields';

// A visit's measures as text, the same on the patient page, beside the visit form's fields and
// in the history: numbers as recorded, codes as words, yes/no, '—' when not recorded.

type Values = Partial<Record<string, unknown>>;

/** One measure: "27", "Ongoing", "yes", or '—' when not recorded. */
export function measureText(field: VisitField, values: Values): string {
  const v = values[field.key];
  if (v === null || v === undefined || v === '') return '—';
  if (field.kind === 'code') return label(String(v));
  if (field.kind === 'yesno') return v ? 'yes' : 'no';
  return String(v);
}

/**
 * A measure with what is shown beside it: the drug behind a prednisone equivalent
 * ("12.5 · methylprednisolone 10"), the dose of ongoing IVIG ("Ongoing · 2 g/kg, 4 weeks"),
 * an enzyme's upper limit of normal ("450 · ULN 190").
 */
export function cellText(field: VisitField, values: Values): string {
  const main = measureText(field, values);
  const parts = companionsOf(field.key)
    .filter((c) => values[c.key] !== null && values[c.key] !== undefined && values[c.key] !== '')
    .map((c) => companionText(c, values));
  if (parts.length === 0) return main;
  return `${main} · ${parts.join(', ')}`;
}

function companionText(c: VisitField, values: Values): string {
  const text = measureText(c, values);
  switch (c.key) {
    case 'steroidDrug':
      return text.toLowerCase();
    case 'steroidMgDay':
    case 'ivigDoseGKg':
    case 'ivigIntervalWeeks':
      return `${text} ${c.unit}`;
    default:
      return `ULN ${text}`;
  }
}

/** The visit just before `date` among `visits` (the one being edited, `id`, left out). */
export function previousVisit<V extends { id?: string; visitDate: string }>(visits: readonly V[], date: string, id?: string): V | null {
  let best: V | null = null;
  for (const v of visits) if (v.id !== id && v.visitDate < date && (!best || v.visitDate > best.visitDate)) best = v;
  return best;
}

/** "+4", "−12", "0": a change from baseline with a real minus sign. */
export function signed(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0';
}
