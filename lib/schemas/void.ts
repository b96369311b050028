import { z } from 'zod';
import { NOT_A_FORM, reasonField, version } from './fields';

/** Voiding a patient, a visit or an adverse event: never a deletion, always a reason. */
export const voidSchema = z.object({ reason: reasonField('void'), version }, { error: NOT_A_FORM });

export type VoidInput = z.output<typeof voidSchema>;
