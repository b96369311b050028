import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';
import { normalizeDateEntry } from '@/lib/date-entry';
import { NOT_A_FORM } from './fields';

// The period of the audit trail an inspection asks for (docs/evidence.md): the audit page's
// form, its download route and the command line read it alike. Whole days in UTC, inclusive; a
// day still to come is allowed (the trail simply has nothing there yet).

function day(label: string) {
  return z.union([z.string(), z.undefined()], { error: `${label} must be a date (YYYY-MM-DD)` }).transform((v, ctx): string => {
    const s = normalizeDateEntry(v ?? '');
    if (s === '') ctx.addIssue({ code: 'custom', message: `${label} is required` });
    else if (!isIsoDate(s)) ctx.addIssue({ code: 'custom', message: `${label} must be a date (YYYY-MM-DD)` });
    return s;
  });
}

export const auditPeriodSchema = z
  .object({ from: day('From'), to: day('To') }, { error: NOT_A_FORM })
  .refine((p) => !isIsoDate(p.from) || !isIsoDate(p.to) || p.from <= p.to, { path: ['to'], message: 'To must be on or after From' });

export type AuditPeriodInput = z.input<typeof auditPeriodSchema>;
export type AuditPeriod = z.output<typeof auditPeriodSchema>;
