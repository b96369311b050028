import { label } from '@/lib/codes';
import { companionsOf, type VisitField } from './fields';

// A visit's measures as text, the same on the patient page and beside the visit form's fields:
// numbers as recorded, codes as words, yes/no, '—' when not recorded. (The history and the
// audit trail add the unit to each value: lib/audit/describe.ts.)

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
 * A measure with what is shown beside it, in brackets: the drug behind a prednisone
 * equivalent ("12.5 (methylprednisolone 10 mg/day)"), the dose of ongoing IVIG
 * ("Ongoing (2 g/kg every 4 weeks)"), an enzyme's upper limit of normal ("450 (ULN 190)").
 */
export function cellText(field: VisitField, values: Values): string {
  const main = measureText(field, values);
  const given = companionsOf(field.key).filter((c) => values[c.key] !== null && values[c.key] !== undefined && values[c.key] !== '');
  if (given.length === 0) return main;
  const words = given.map((c) => {
    const text = measureText(c, values);
    if (c.kind === 'code') return text.toLowerCase();
    if (c.key.endsWith('Uln')) return `ULN ${text}`;
    if (c.key === 'ivigIntervalWeeks') return `every ${text} ${c.unit}`;
    return `${text} ${c.unit}`;
  });
  return `${main} (${words.join(' ')})`;
}

/**
 * A measure of the previous visit as the form shows it beside the same field: with what goes
 * with it (cellText), and a glucocorticoid dose with its drug, which may not be the drug typed
 * now ("16 mg/day methylprednisolone" beside a prednisone dose is no 1 mg taper).
 */
export function previousText(field: VisitField, values: Values): string {
  const drug = values.steroidDrug;
  if (field.key === 'steroidMgDay' && typeof drug === 'string' && drug && measureText(field, values) !== '—') {
    return `${measureText(field, values)} ${field.unit} ${label(drug).toLowerCase()}`;
  }
  return cellText(field, values);
}

/**
 * The latest visit that records a JAK-inhibitor dose (visits in date order): the dose the
 * patient is on now, which the patient's start dose no longer says after a change.
 */
export function latestJakiDose<V extends { visitDate: string; jakiDoseMgDay: number | null }>(visits: readonly V[]): { dose: number; date: string } | null {
  for (let i = visits.length - 1; i >= 0; i--) {
    const v = visits[i]!;
    if (v.jakiDoseMgDay !== null) return { dose: v.jakiDoseMgDay, date: v.visitDate };
  }
  return null;
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
