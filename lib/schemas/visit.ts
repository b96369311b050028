import { z } from 'zod';
import { IVIG_STATUSES, VISIT_TYPES } from '@/lib/codes';
import { cdasiScores } from '@/lib/instruments/cdasi';
import { mmt8Total } from '@/lib/instruments/mmt8';
import { NOT_A_FORM, changeReason, optionalCode, optionalNumber, optionalYesNo, requiredCode, requiredDate, version } from './fields';
import { cdasiItemsSchema, mmt8ItemsSchema } from './instruments';

// One schema for the visit form, in the browser and in the server action.
export const visitFields = z.object({
  visitDate: requiredDate('Visit date'),
  visitType: requiredCode('Visit type', VISIT_TYPES),
  cdasiActivity: optionalNumber('CDASI activity', { min: 0, max: 100, integer: true }),
  cdasiDamage: optionalNumber('CDASI damage', { min: 0, max: 32, integer: true }),
  cdasiItems: cdasiItemsSchema.nullable().default(null),
  mmt8: optionalNumber('MMT8', { min: 0, max: 150, integer: true }),
  mmt8Items: mmt8ItemsSchema.nullable().default(null),
  prednisoneMgDay: optionalNumber('Prednisone', { min: 0, max: 1500 }),
  ivig: optionalCode('IVIG status', IVIG_STATUSES),
  ivigDoseGKg: optionalNumber('IVIG dose', { min: 0.1, max: 3 }),
  ivigIntervalWeeks: optionalNumber('IVIG interval', { min: 1, max: 52, integer: true }),
  jakiDoseMgDay: optionalNumber('JAK inhibitor dose', { min: 0, max: 100 }),
  activeCutaneous: optionalYesNo('Active cutaneous disease'),
  activeMuscle: optionalYesNo('Active muscle disease'),
  physicianGlobal: optionalNumber('Physician global activity', { min: 0, max: 10 }),
  patientGlobal: optionalNumber('Patient global activity', { min: 0, max: 10 }),
  extramuscularGlobal: optionalNumber('Extramuscular global activity', { min: 0, max: 10 }),
  haq: optionalNumber('HAQ', { min: 0, max: 3 }),
  ckUL: optionalNumber('CK', { min: 0, max: 1_000_000 }),
}, { error: NOT_A_FORM });

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
  if (v.ivig === 'ongoing') {
    if (v.ivigDoseGKg === null) ctx.addIssue({ code: 'custom', path: ['ivigDoseGKg'], message: 'IVIG dose is required while IVIG is ongoing' });
    if (v.ivigIntervalWeeks === null)
      ctx.addIssue({ code: 'custom', path: ['ivigIntervalWeeks'], message: 'IVIG interval is required while IVIG is ongoing' });
  } else if (v.ivigDoseGKg !== null || v.ivigIntervalWeeks !== null) {
    ctx.addIssue({ code: 'custom', path: ['ivig'], message: 'IVIG dose and interval are only recorded while IVIG is ongoing' });
  }
}

export const visitSchema = visitFields.superRefine(checkConsistency);

export const visitEditSchema = visitFields
  .extend({ reason: changeReason, version })
  .superRefine(checkConsistency);

export type VisitInput = z.output<typeof visitSchema>;
export type VisitFormValues = z.input<typeof visitSchema>;
export type VisitEditFormValues = z.input<typeof visitEditSchema>;
