import { z } from 'zod';
import { isIsoDate } from '@/lib/dates';

// The query every list of /api/v1 takes (docs/api.md, "Lists"): a page of `limit` records in
// the order of their ids, after the opaque `cursor` the previous page answered; `limit=all`
// streams every record in one answer. The cursor is the last id of the page, wrapped so that
// clients treat it as a token rather than build one.

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const CURSOR_PREFIX = 'v1:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(lastId: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastId}`).toString('base64url');
}

/** The id a cursor points after, or null when it is not one this API made. */
export function decodeCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return UUID.test(id) ? id.toLowerCase() : null;
}

const limitMessage = `limit must be a whole number from 1 to ${MAX_LIMIT}, or all`;

export const pageQuery = {
  limit: z
    .string()
    .optional()
    .transform((v, ctx): number | 'all' => {
      if (v === undefined || v === '') return DEFAULT_LIMIT;
      if (v === 'all') return 'all';
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= MAX_LIMIT)) {
        ctx.addIssue({ code: 'custom', message: limitMessage });
        return z.NEVER;
      }
      return n;
    })
    .describe(`Records per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT}); \`all\` streams every record in one answer.`),
  cursor: z
    .string()
    .optional()
    .transform((v, ctx): string | null => {
      if (v === undefined || v === '') return null;
      const id = decodeCursor(v);
      if (!id) {
        ctx.addIssue({ code: 'custom', message: 'cursor is not one this API answered: pass nextCursor as it came' });
        return z.NEVER;
      }
      return id;
    })
    .describe('The `nextCursor` of the previous page; absent for the first page.'),
};

const uuidParam = (name: string) => z.uuid(`${name} must be a record id (a uuid)`).optional();
const dateParam = (name: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || isIsoDate(v), `${name} must be a date (YYYY-MM-DD)`);
const instantParam = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx): Date | undefined => {
      if (v === undefined || v === '') return undefined;
      const d = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an ISO 8601 date or date-time (2025-01-31 or 2025-01-31T12:00:00Z)` });
        return z.NEVER;
      }
      return d;
    });

const common = {
  ...pageQuery,
  cohort: z.string().min(1).optional().describe('Only the records of this cohort (its code).'),
  updatedSince: instantParam('updatedSince').describe('Only records created or changed at or after this instant (ISO 8601).'),
};

export const patientListQuery = z.strictObject({
  ...common,
  site: z.string().min(1).optional().describe('Only the patients of this site (its code).'),
  q: z.string().optional().describe('Only the patients whose code contains this text (any case).'),
});

export const visitListQuery = z.strictObject({
  ...common,
  patientId: uuidParam('patientId').describe('Only the visits of this patient.'),
  from: dateParam('from').describe('Only visits on or after this date (YYYY-MM-DD).'),
  to: dateParam('to').describe('Only visits on or before this date (YYYY-MM-DD).'),
});

export const adverseEventListQuery = z.strictObject({
  ...common,
  patientId: uuidParam('patientId').describe('Only the adverse events of this patient.'),
});

export const relapseListQuery = z.strictObject({
  ...common,
  patientId: uuidParam('patientId').describe('Only the relapses of this patient.'),
});

export type PatientListQuery = z.output<typeof patientListQuery>;
export type VisitListQuery = z.output<typeof visitListQuery>;
export type AdverseEventListQuery = z.output<typeof adverseEventListQuery>;
export type RelapseListQuery = z.output<typeof relapseListQuery>;

/** The query string as the object the list's schema parses (the last value of a repeated name). */
export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}
