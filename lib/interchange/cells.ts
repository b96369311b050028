// One cell: from its CSV text to a value or a message, and back.

import { isIsoDate } from '@/lib/dates';
import { CODE_MAX, PATIENT_CODE, type CellType } from './columns';
import { shown } from './problems';

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

// Spreadsheets run a cell starting with one of these as a formula. The exporter puts an
// apostrophe before such a text (and before one that starts with apostrophes and then one of
// these, so that every text comes back unchanged); the importer takes exactly one away.
const FORMULA_ON_EXPORT = /^'*[=+\-@]/;
const FORMULA_ON_IMPORT = /^'+[=+\-@]/;

export function escapeFormula(text: string): string {
  return FORMULA_ON_EXPORT.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
  return FORMULA_ON_IMPORT.test(text) ? text.slice(1) : text;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

const ok = (value: unknown): CellResult => ({ ok: true, value });
const bad = (message: string): CellResult => ({ ok: false, message });

/** Reads a cell's text (untrimmed, as the CSV holds it); an empty cell is null, or [] for a list. */
export function readCell(cell: CellType & { required: boolean }, raw: string, today: string): CellResult {
  // A NUL is valid UTF-8 but no PostgreSQL text column takes it: refused here, not by the database.
  if (raw.includes('\u0000')) return bad('contains a NUL character (byte 0), which cannot be stored');
  const text = unescapeFormula(raw.trim());
  if (text === '') {
    if (cell.required) return bad('required, but empty');
    return ok(cell.type === 'list' ? [] : null);
  }
  switch (cell.type) {
    case 'text':
      return text.length > cell.max ? bad(`is ${text.length} characters long, the maximum is ${cell.max}`) : ok(text);
    case 'ref':
      if (text.length > CODE_MAX) return bad(`${shown(text)} is ${text.length} characters long, the maximum for a code is ${CODE_MAX}`);
      if (cell.patientCode && !PATIENT_CODE.test(text))
        return bad(`${shown(text)} is not a valid patient code (2 to 40 letters, digits, - or _, starting with a letter or digit)`);
      return ok(text);
    case 'code':
      return readCode(text, cell.codes, cell.anyCase);
    case 'list':
      return readList(text, cell.codes, cell.anyCase);
    case 'number':
      return readNumber(text, cell);
    case 'date':
      if (!isIsoDate(text)) return bad(`${shown(text)} is not a date (YYYY-MM-DD)`);
      return text > today ? bad(`${text} is in the future`) : ok(text);
    case 'yesno':
      if (text === 'yes') return ok(true);
      if (text === 'no') return ok(false);
      return bad(`${shown(text)} is not yes or no`);
  }
}

function readCode(text: string, codes: readonly string[], anyCase = false): CellResult {
  const code = anyCase ? text.toLowerCase() : text;
  // The list's own string: a code kept for every row of a long file is then one string, not one a row.
  const known = codes.indexOf(code);
  if (known >= 0) return ok(codes[known]);
  if (text.length > CODE_MAX) return bad(`${shown(text)} is ${text.length} characters long, the maximum for a code is ${CODE_MAX}`);
  return bad(`${shown(text)} is not one of ${codes.join(', ')}`);
}

function readList(text: string, codes: readonly string[], anyCase = false): CellResult {
  const items = text.split(';').map((s) => s.trim()).filter(Boolean);
  const found = new Set<string>();
  for (const item of items) {
    const code = readCode(item, codes, anyCase);
    if (!code.ok) return code;
    found.add(code.value as string);
  }
  return ok(codes.filter((c) => found.has(c)));
}

function readNumber(text: string, rule: { min: number; max?: number; integer?: boolean; minExclusive?: boolean }): CellResult {
  if (!NUMBER.test(text)) {
    if (/^-?\d+,\d+$/.test(text)) return bad(`${shown(text)} is not a number (use a decimal point)`);
    return bad(`${shown(text)} is not a number`);
  }
  const n = Number(text);
  if (rule.integer && !Number.isInteger(n)) return bad(`${text} is not a whole number`);
  if (n < rule.min) return bad(`${text} is below the minimum of ${rule.min}`);
  if (rule.minExclusive && n === rule.min) return bad(`${text} is not allowed: the value must be more than ${rule.min}`);
  if (rule.max !== undefined && n > rule.max) return bad(`${text} is above the maximum of ${rule.max}`);
  return ok(n);
}

/** A value as its CSV cell: numbers in the shortest decimal that reads back the same, never an exponent. */
export function writeCell(cell: CellType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (cell.type) {
    case 'number':
      return formatNumber(value as number);
    case 'yesno':
      return value ? 'yes' : 'no';
    case 'list': {
      const list = value as string[];
      return cell.codes.filter((c) => list.includes(c)).join(';');
    }
    default:
      return escapeFormula(String(value));
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot write ${n} as a number`);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.padEnd(point, '0')}`;
}
