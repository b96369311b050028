import { z } from 'zod';
import { isIsoDate, todayIso } from '@/lib/dates';

// Field builders whose messages name the field, so every form and the server speak alike.
// Form inputs arrive as strings; an empty string means "not recorded".
// The optional builders end in .default(null): zod 4 refuses an absent key whose schema is a
// transform ("expected nonoptional"), so a field left out must be defaulted to be "not recorded".

type Raw = string | number | null | undefined;
const raw = z.union([z.string(), z.number(), z.null(), z.undefined()]);

function isBlank(v: Raw): v is '' | null | undefined {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

type NumberRule = { min: number; max?: number; integer?: boolean };

// A decimal comma is how many clinics type 7,5: it reads as 7.5, never as a thousands mark.
const DECIMAL = /^-?\d+([.,]\d+)?$/;

function checkNumber(v: Raw, label: string, rule: NumberRule, ctx: z.RefinementCtx): number {
  const text = typeof v === 'string' ? v.trim() : '';
  if (typeof v === 'string' && !DECIMAL.test(text)) {
    ctx.addIssue({ code: 'custom', message: `${label} must be a number` });
    return z.NEVER;
  }
  const n = typeof v === 'number' ? v : Number(text.replace(',', '.'));
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `${label} must be a number` });
    return z.NEVER;
  }
  if (rule.integer && !Number.isInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `${label} must be a whole number` });
    return z.NEVER;
  }
  if (n < rule.min || (rule.max !== undefined && n > rule.max)) {
    const range = rule.max === undefined ? `at least ${rule.min}` : `between ${rule.min} and ${rule.max}`;
    ctx.addIssue({ code: 'custom', message: `${label} must be ${range}` });
    return z.NEVER;
  }
  return n;
}

export function optionalNumber(label: string, rule: NumberRule) {
  return raw.transform((v, ctx): number | null => (isBlank(v) ? null : checkNumber(v, label, rule, ctx))).default(null);
}

export function requiredNumber(label: string, rule: NumberRule) {
  return raw.transform((v, ctx): number => {
    if (isBlank(v)) {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    return checkNumber(v, label, rule, ctx);
  });
}

function checkDate(v: string, label: string, ctx: z.RefinementCtx): string {
  const s = v.trim();
  if (!isIsoDate(s)) {
    ctx.addIssue({ code: 'custom', message: `${label} must be a date (YYYY-MM-DD)` });
    return z.NEVER;
  }
  if (s > todayIso()) {
    ctx.addIssue({ code: 'custom', message: `${label} cannot be in the future` });
    return z.NEVER;
  }
  return s;
}

export function requiredDate(label: string) {
  return z.union([z.string(), z.undefined()]).transform((v, ctx): string => {
    if (v === undefined || v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    return checkDate(v, label, ctx);
  });
}

export function optionalDate(label: string) {
  return z
    .union([z.string(), z.null(), z.undefined()])
    .transform((v, ctx): string | null => (isBlank(v) ? null : checkDate(v, label, ctx)))
    .default(null);
}

export function requiredCode<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.union([z.string(), z.undefined()]).transform((v, ctx): T[number] => {
    if (v === undefined || v === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    if (!codes.includes(v)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be one of ${codes.join(', ')}` });
      return z.NEVER;
    }
    return v as T[number];
  });
}

export function optionalCode<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.union([z.string(), z.null(), z.undefined()]).transform((v, ctx): T[number] | null => {
    if (isBlank(v)) return null;
    if (!codes.includes(v)) {
      ctx.addIssue({ code: 'custom', message: `${label} must be one of ${codes.join(', ')}` });
      return z.NEVER;
    }
    return v as T[number];
  }).default(null);
}

export function codeList<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.array(z.string()).default([]).transform((list, ctx): T[number][] => {
    const bad = list.filter((c) => !codes.includes(c));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `${label}: unknown code ${bad.join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(list)] as T[number][];
  });
}

/** Yes / no / not recorded, as a select gives it. */
export function optionalYesNo(label: string) {
  return z.union([z.string(), z.boolean(), z.null(), z.undefined()]).transform((v, ctx): boolean | null => {
    if (typeof v === 'boolean') return v;
    if (isBlank(v)) return null;
    if (v === 'yes') return true;
    if (v === 'no') return false;
    ctx.addIssue({ code: 'custom', message: `${label} must be yes or no` });
    return z.NEVER;
  }).default(null);
}

export function optionalText(label: string, max: number) {
  return z.union([z.string(), z.null(), z.undefined()]).transform((v, ctx): string | null => {
    if (isBlank(v)) return null;
    const s = v.trim();
    if (s.length > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters` });
      return z.NEVER;
    }
    return s;
  }).default(null);
}

export const changeReason = z
  .string()
  .trim()
  .min(3, 'Give a reason for the change (at least 3 characters)')
  .max(500, 'The reason must be at most 500 characters');

export const version = z.coerce.number().int().positive();
