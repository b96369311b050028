// Test support: values a hostile or broken client may send in place of a form's field, and
// the check that what the user reads back is a sentence, not a validator's jargon.

import fc from 'fast-check';

export const SCRIPT = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';

/** Strings that have broken forms elsewhere: markup, quotes, RTL, NUL, half an emoji, number look-alikes. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  SCRIPT,
  `"'; drop table patient; --`,
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '@SUM(A1)',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '😀',
  '👩‍⚕️🧑🏽‍🔬',
  '\u202eevil\u202c',
  'مرض جلدي عضلي',
  'ｆｕｌｌｗｉｄｔｈ',
  'NaN',
  'Infinity',
  '-0',
  '1e3',
  '0x10',
  ' 7,5 ',
  '９',
  '٣',
  '2024-02-30',
  '2024-1-1',
  '9999-12-31',
  '0000-01-01',
  '__proto__',
  'constructor',
  'true',
  'null',
  'undefined',
  '[object Object]',
];

/** UTF-16 code units one by one, so lone surrogates come up. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: codeUnit, maxLength: 30 }),
  fc.constantFrom(100_000, 201, 501, 1001).map((n) => 'x'.repeat(n)),
  fc.constantFrom('😀', 'é', '<', '\u0000').map((c) => c.repeat(100_000)),
);

/** Anything JSON or a server action's argument encoding could carry, and then some. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 1e308, -0),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.array(fc.string(), { minLength: 1000, maxLength: 1000 }),
  fc.anything({ maxDepth: 2 }),
);

/** Listing keys a page reads, and any other, as they come in a hand-made query string. */
const QUERY_KEYS = ['site', 'category', 'grade', 'serious', 'special', 'from', 'to', 'reviewed', 'sort', 'dir', 'user', 'entity', 'record', 'action', 'page', 'q'];

/** A query string as Next gives it to a page: strings, repeated keys as arrays, hostile values. */
export const hostileQuery: fc.Arbitrary<Record<string, string | string[] | undefined>> = fc.dictionary(
  fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string()),
  fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }), fc.constant(undefined), fc.constantFrom('2024-01-31', 'herpes_zoster', '3', 'yes', 'desc')),
);

/** Whether a value holds no NUL (a text column refuses one). */
export const noNul = (v: unknown) => typeof v !== 'string' || !v.includes('\u0000');

// What zod says when a schema gives no message of its own; the user must never read it.
const JARGON = [/invalid input/i, /expected .* received/i, /^required$/i, /too (small|big)/i, /^invalid\b/i, /nonoptional/i];

/** A message the form can show: a short sentence that starts with a capital and speaks of the field. */
export function isClearMessage(message: unknown): boolean {
  return (
    typeof message === 'string' &&
    message.length >= 8 &&
    message.length <= 400 &&
    /^[A-Z]/.test(message) &&
    /\s/.test(message) &&
    !JARGON.some((j) => j.test(message))
  );
}
