import { z } from 'zod';
import { VISIT_TYPES } from '@/lib/codes';
import { cdasiScores } from '@/lib/instruments/cdasi';
import { mmt8Total } from '@/lib/instruments/mmt8';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';
import { visitValueProblems, withPrednisoneEquivalent } from '@/lib/visits/rules';
import { NOT_A_FORM, changeReason, optionalCode, optionalNumber, optionalYesNo, requiredCode, requiredDate, version } from './fields';
import { cdasiItemsSchema, mmt8ItemsSchema } from './instruments';

// One schema for the visit form, in the browser and in the server action. The measures come
// from the field table (lib/visits/fields.ts); the rules between them from lib/visits/rules.ts,
// which the import applies too. Rules against the patient's dates and other visits need the
// database: the data layer applies them (db/queries/visits.ts).

type Field = (typeof VISIT_FIELDS)[number];
type ZodOf<F> = F extends { kind: 'number' }
  ? ReturnType<typeof optionalNumber>
  : F extends { kind: 'code'; codes: infer C extends readonly [string, ...string[]] }
    ? ReturnType<typeof optionalCode<C>>
    : ReturnType<typeof optionalYesNo>;
type MeasureShape = { [F in Field as F['key']]: ZodOf<F> };

function zodOf(f: VisitField) {
  switch (f.kind) {
    case 'number':
      return optionalNumber(f.label, { min: f.min, max: f.max, integer: f.whole, minExclusive: f.minExclusive });
    case 'code':
      return optionalCode(f.label, f.codes);
    case 'yesno':
      return optionalYesNo(f.label);
  }
}

const measureShape = Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, zodOf(f)])) as unknown as MeasureShape;

export const visitFields = z.object(
  {
    visitDate: requiredDate('Visit date'),
    visitType: requiredCode('Visit type', VISIT_TYPES),
    cdasiItems: cdasiItemsSchema.nullable().default(null),
    mmt8Items: mmt8ItemsSchema.nullable().default(null),
    ...measureShape,
  },
  { error: NOT_A_FORM },
);

type VisitValues = z.output<typeof visitFields>;

function checkConsistency(v: VisitValues, ctx: z.RefinementCtx) {
  if (v.cdasiItems) {
    const { activity, damage } = cdasiScores(v.cdasiItems);
    if (v.cdasiActivity !== activity)
      ctx.addIssue({ code: 'custom', path: ['cdasiActivity'], message: `CDASI activity must equal the calculator's total (${activity})` });
    if (v.cdasiDamage !== damage)
      ctx.addIssue({ code: 'custom', path: ['cdasiDamage'], message: `CDASI damage must equal the calculator's total (${damage})` });
  }
  if (v.mmt8Items && v.mmt8 !== mmt8Total(v.mmt8Items))
    ctx.addIssue({ code: 'custom', path: ['mmt8'], message: `MMT8 must equal the calculator's total (${mmt8Total(v.mmt8Items)})` });
  for (const p of visitValueProblems(v)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
}

export const visitSchema = visitFields.superRefine(checkConsistency).transform(withPrednisoneEquivalent);

export const visitEditSchema = visitFields
  .extend({ reason: changeReason, version })
  .superRefine(checkConsistency)
  .transform(withPrednisoneEquivalent);

export type VisitInput = z.output<typeof visitSchema>;
export type VisitFormValues = z.input<typeof visitSchema>;
export type VisitEditFormValues = z.input<typeof visitEditSchema>;
