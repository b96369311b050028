import { z } from 'zod';
import { isIsoDate, todayIso } from '@/lib/dates';

// Field builders whose messages name the field, so every form and the server speak alike.
// Form inputs arrive as strings; an empty string means "not recorded".
// The optional builders end in .default(null): zod 4 refuses an absent key whose schema is a
// transform ("expected nonoptional"), so a field left out must be defaulted to be "not recorded".

// Every builder names its field in the message zod gives for a value of the wrong type (an
// array, an object, NaN...), which only a hostile or broken client sends: the user still
// reads a sentence about the field, never zod's "Invalid input: expected string".

type Raw = string | number | null | undefined;
const raw = (label: string) => z.union([z.string(), z.number(), z.null(), z.undefined()], { error: `${label} must be a number` });

function isBlank(v: Raw): v is '' | null | undefined {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** `minExclusive`: the minimum itself is refused (a dose "> 0"). */
type NumberRule = { min: number; max?: number; integer?: boolean; minExclusive?: boolean };

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
  if (n < rule.min || (rule.minExclusive && n === rule.min) || (rule.max !== undefined && n > rule.max)) {
    const range = rule.minExclusive
      ? `more than ${rule.min}${rule.max === undefined ? '' : ` and at most ${rule.max}`}`
      : rule.max === undefined
        ? `at least ${rule.min}`
        : `between ${rule.min} and ${rule.max}`;
    ctx.addIssue({ code: 'custom', message: `${label} must be ${range}` });
    return z.NEVER;
  }
  return n;
}

export function optionalNumber(label: string, rule: NumberRule) {
  return raw(label).transform((v, ctx): number | null => (isBlank(v) ? null : checkNumber(v, label, rule, ctx))).default(null);
}

export function requiredNumber(label: string, rule: NumberRule) {
  return raw(label).transform((v, ctx): number => {
    if (isBlank(v)) {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    return checkNumber(v, label, rule, ctx);
  });
}

const dateMessage = (label: string) => `${label} must be a date (YYYY-MM-DD)`;

function checkDate(v: string, label: string, ctx: z.RefinementCtx): string {
  const s = v.trim();
  if (!isIsoDate(s)) {
    ctx.addIssue({ code: 'custom', message: dateMessage(label) });
    return z.NEVER;
  }
  if (s > todayIso()) {
    ctx.addIssue({ code: 'custom', message: `${label} cannot be in the future` });
    return z.NEVER;
  }
  return s;
}

export function requiredDate(label: string) {
  return z.union([z.string(), z.undefined()], { error: dateMessage(label) }).transform((v, ctx): string => {
    if (v === undefined || v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    return checkDate(v, label, ctx);
  });
}

export function optionalDate(label: string) {
  return z
    .union([z.string(), z.null(), z.undefined()], { error: dateMessage(label) })
    .transform((v, ctx): string | null => (isBlank(v) ? null : checkDate(v, label, ctx)))
    .default(null);
}

const oneOf = (label: string, codes: readonly string[]) => `${label} must be one of ${codes.join(', ')}`;

export function requiredCode<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.union([z.string(), z.undefined()], { error: oneOf(label, codes) }).transform((v, ctx): T[number] => {
    if (v === undefined || v === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    if (!codes.includes(v)) {
      ctx.addIssue({ code: 'custom', message: oneOf(label, codes) });
      return z.NEVER;
    }
    return v as T[number];
  });
}

export function optionalCode<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.union([z.string(), z.null(), z.undefined()], { error: oneOf(label, codes) }).transform((v, ctx): T[number] | null => {
    if (isBlank(v)) return null;
    if (!codes.includes(v)) {
      ctx.addIssue({ code: 'custom', message: oneOf(label, codes) });
      return z.NEVER;
    }
    return v as T[number];
  }).default(null);
}

/** Input echoed in a message, cut short: a hostile 100,000-character value must not come back whole. */
const cut = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

// The array sits in a union so that a list holding a non-string is refused at the field itself
// ("antibodies"), not at "antibodies.3", which no form control shows.
export function codeList<const T extends readonly [string, ...string[]]>(label: string, codes: T) {
  return z.union([z.array(z.string()), z.undefined()], { error: `${label} must be a list of codes` }).transform((given, ctx): T[number][] => {
    const list = given ?? [];
    const bad = list.filter((c) => !codes.includes(c));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `${label}: unknown code ${bad.slice(0, 3).map(cut).join(', ')}` });
      return z.NEVER;
    }
    return [...new Set(list)] as T[number][];
  }).default([]);
}

/** Yes / no / not recorded, as a select gives it. */
export function optionalYesNo(label: string) {
  return z.union([z.string(), z.boolean(), z.null(), z.undefined()], { error: `${label} must be yes or no` }).transform((v, ctx): boolean | null => {
    if (typeof v === 'boolean') return v;
    if (isBlank(v)) return null;
    if (v === 'yes') return true;
    if (v === 'no') return false;
    ctx.addIssue({ code: 'custom', message: `${label} must be yes or no` });
    return z.NEVER;
  }).default(null);
}

/**
 * Free text PostgreSQL cannot keep as typed: a NUL character (a text column refuses it) or half
 * of an emoji's surrogate pair (it would come back as U+FFFD). Only a hostile client sends them.
 */
export function unstorable(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

export const unstorableMessage = (label: string) => `${label} contains a character that cannot be stored (a NUL or a broken emoji)`;

/** Free text, trimmed: '' when blank, or an issue when longer than `max` or not storable. */
export function checkText(v: string, label: string, max: number, ctx: z.RefinementCtx): string {
  const s = v.trim();
  if (s.length > max) {
    ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters` });
    return z.NEVER;
  }
  if (unstorable(s)) {
    ctx.addIssue({ code: 'custom', message: unstorableMessage(label) });
    return z.NEVER;
  }
  return s;
}

export function optionalText(label: string, max: number) {
  return z.union([z.string(), z.null(), z.undefined()], { error: `${label} must be text` }).transform((v, ctx): string | null => {
    if (isBlank(v)) return null;
    return checkText(v, label, max, ctx);
  }).default(null);
}

// The reason an edit or a void gives, kept in the audit trail: one rule for the forms, the
// server actions and the data layer (db/queries/void.ts).
const REASON_WORDS = {
  change: { missing: 'Give a reason for the change', label: 'The reason' },
  void: { missing: 'Give the reason for voiding', label: 'The reason for voiding' },
  unlock: { missing: 'Give the reason for unlocking', label: 'The reason for unlocking' },
  lock: { missing: 'Give the reason for locking', label: 'The reason for locking' },
  question: { missing: 'Write the question', label: 'The question' },
  answer: { missing: 'Write the answer', label: 'The answer' },
  reopen: { missing: 'Say what is still to be done', label: 'The comment' },
};
export type ReasonKind = keyof typeof REASON_WORDS;
const REASON_LENGTH = { min: 3, max: 500 };

/** What is wrong with a reason (trimmed), or null when it will do. */
export function reasonProblem(kind: ReasonKind, text: string): string | null {
  const { missing, label } = REASON_WORDS[kind];
  const s = text.trim();
  if (s.length < REASON_LENGTH.min) return `${missing} (at least ${REASON_LENGTH.min} characters)`;
  if (s.length > REASON_LENGTH.max) return `${label} must be at most ${REASON_LENGTH.max} characters`;
  if (unstorable(s)) return unstorableMessage(label);
  return null;
}

/** The reason field of an edit or a void form, trimmed. */
export function reasonField(kind: ReasonKind) {
  return z
    .string({ error: `${REASON_WORDS[kind].missing} (at least ${REASON_LENGTH.min} characters)` })
    .trim()
    .superRefine((s, ctx) => {
      const problem = reasonProblem(kind, s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export const changeReason = reasonField('change');

// The version the form was opened at, sent back from a hidden field.
const versionMessage = 'The form lost track of the record version: reload the page and try again';
export const version = z.coerce.number({ error: versionMessage }).int(versionMessage).positive(versionMessage);

/** The message when what arrives is not a form at all (null, a list, a number...). */
export const NOT_A_FORM = 'The form was not sent as expected: reload the page and try again';
