import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/lib/audit/vocabulary';
import { REPORT_GROUPINGS } from '@/lib/cohort/groups';
import { AE_CATEGORIES } from '@/lib/codes';
import { FIGURE_NAMES } from '@/lib/figures/svg';
import { INTERCHANGE_FILES } from '@/lib/interchange/columns';
import { QUERY_STATES } from '@/lib/queries/rules';

// The query strings of the API's read routes: the routes parse with these, and the OpenAPI
// document (lib/api/operations) describes them from the same schemas.

export const REPORT_FORMATS = ['json', 'csv', 'pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const site = z.string().min(1).optional().describe("A site's code: the report of that site's patients only (one of the caller's sites).");

export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { error: `format must be one of ${REPORT_FORMATS.join(', ')}` }).default('json').describe('json (the default), csv, pdf or docx.'),
  site,
  include: z.literal('patients', { error: 'include must be patients' }).optional().describe('patients: the JSON also holds each patient\'s trajectory and IMACS rows.'),
  by: z.enum(REPORT_GROUPINGS, { error: `by must be one of ${REPORT_GROUPINGS.join(', ')}` }).optional().describe('Split into subgroups (drug, antibody or site) beside the whole cohort.'),
});

export const figureQuerySchema = z.object({
  format: z.enum(['svg', 'png'], { error: 'format must be one of svg, png' }).default('svg').describe('svg (the default) or png at 300 dpi.'),
  site,
});

/** patients, visits, adverse_events, relapses: a file's name without .csv. */
export const EXPORT_FILES = INTERCHANGE_FILES.map((f) => f.file.replace(/\.csv$/, '')) as ['patients', 'visits', 'adverse_events', 'relapses'];

export const exportQuerySchema = z.object({
  file: z.enum(EXPORT_FILES, { error: `file must be one of ${EXPORT_FILES.join(', ')}` }).optional().describe('One CSV file; without it, the four files (docs/interchange.md) as a zip.'),
});

export const cohortPathSchema = z.object({ code: z.string().describe("The cohort's code, e.g. DEMO-JAKI.") });
export const figurePathSchema = cohortPathSchema.extend({ name: z.enum(FIGURE_NAMES).describe('Which figure.') });
export const patientPathSchema = z.object({ patientId: z.uuid().describe("The patient's id (not the pseudonymous code).") });

// The review lists' filters are read leniently, as their pages read them (server/review/*):
// a value that is not one of the choices is ignored rather than refused.
const day = (what: string) => z.string().optional().describe(`${what} (YYYY-MM-DD).`);

export const lineListingQuerySchema = z.object({
  format: z.enum(['csv', 'pdf'], { error: 'format must be csv or pdf' }).default('csv').describe('csv (the default) or pdf.'),
  site: z.string().optional().describe("A site's code."),
  category: z.enum(AE_CATEGORIES).optional(),
  grade: z.string().optional().describe('CTCAE grade 1 to 5.'),
  serious: z.enum(['yes', 'no']).optional(),
  special: z.enum(['yes', 'no']).optional().describe('Of special interest.'),
  reviewed: z.enum(['yes', 'no']).optional(),
  from: day('Onset on or after'),
  to: day('Onset on or before'),
  sort: z.string().optional().describe('The listing\'s sort column (onset by default).'),
  dir: z.enum(['asc', 'desc']).optional(),
});

export const auditTrailQuerySchema = z.object({
  user: z.string().optional().describe("A user's id."),
  entity: z.enum(AUDIT_ENTITIES).optional(),
  record: z.string().optional().describe("A record's id."),
  patient: z.string().optional().describe("A patient's code: that patient's records."),
  action: z.enum(AUDIT_ACTIONS).optional(),
  correlation: z.string().optional().describe('The correlation id of one user action.'),
  from: day('From, whole UTC days'),
  to: day('To, whole UTC days'),
});

export const auditEvidenceQuerySchema = z.object({ from: z.string().describe('First day (YYYY-MM-DD, UTC).'), to: z.string().describe('Last day (YYYY-MM-DD, UTC).') });

export const queriesQuerySchema = z.object({
  site: z.string().optional().describe("A site's code."),
  state: z.enum(QUERY_STATES).optional(),
  age: z.string().optional().describe('Open longer than this many days (7, 14 or 30).'),
  raiser: z.string().optional().describe("Part of the raiser's name."),
  patient: z.string().optional().describe("A patient's code."),
});
