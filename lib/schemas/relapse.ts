import { z } from 'zod';
import { RELAPSE_ACTIONS, RELAPSE_DOMAINS } from '@/lib/codes';
import { NOT_A_FORM, changeReason, optionalCode, requiredCode, requiredDate, version } from './fields';

// One schema for the relapse form, in the browser and in the server action. The rules against
// the patient's dates and other relapses need the database: lib/relapses/rules.ts, applied by
// the data layer and the import.

export const relapseFields = z.object(
  {
    relapseDate: requiredDate('Relapse date'),
    domain: requiredCode('Domain', RELAPSE_DOMAINS),
    action: optionalCode('Action taken', RELAPSE_ACTIONS),
  },
  { error: NOT_A_FORM },
);

export const relapseSchema = relapseFields;
export const relapseEditSchema = relapseFields.extend({ reason: changeReason, version });

export type RelapseInput = z.output<typeof relapseSchema>;
export type RelapseFormValues = z.input<typeof relapseSchema>;
export type RelapseEditFormValues = z.input<typeof relapseEditSchema>;
