import { z } from 'zod';
import { cohortPathSchema, exportQuerySchema, figurePathSchema, figureQuerySchema, reportQuerySchema } from '../parameters';
import { problemAnswer, type ApiOperation } from '../operation';

// A cohort's report, figures and files: routes under app/api/v1/cohorts/[code]/.

const nullableNumber = z.number().nullable();
const cell = z.object({ n: z.number().int(), mean: nullableNumber, sd: nullableNumber });
const followUpCell = cell.extend({ n_paired: z.number().int(), p_wilcoxon: nullableNumber, p_ttest: nullableNumber }).loose();
const measureRow = z.object({ baseline: cell, m3: followUpCell, m6: followUpCell, final: followUpCell });
const countOf = z.object({ n: z.number().int(), of: z.number().int() });

/** The report JSON (contract version 2, docs/report.md): the contract's fields, and more. */
export const reportJsonSchema = z
  .object({
    cohort: z.string(),
    patients: z.number().int(),
    measures: z.record(z.string(), measureRow).describe('cdasi_activity, cdasi_damage, mmt8, prednisone_mg_day, ck_u_l, ...'),
    cdasi_response: z.object({ m3: countOf, m6: countOf, final: countOf }),
    prednisone_taper: z.object({ baseline_above_5: z.number().int(), tapered: z.number().int(), of: z.number().int() }),
    ivig: z.object({ baseline: z.number().int(), discontinued: z.number().int() }),
    jaki_continued: countOf,
    deaths: z.number().int(),
    follow_up_years: z.object({ mean: nullableNumber, sd: nullableNumber }),
    adverse_events: z.object({ total: z.number().int(), serious: z.number().int(), by_category: z.record(z.string(), z.number().int()) }).loose(),
    relapses: z.object({ events: z.number().int(), patients: z.number().int(), by_domain: z.record(z.string(), z.number().int()) }),
    site: z.string().nullable(),
    as_of: z.string().describe('The day the report was computed for (YYYY-MM-DD).'),
  })
  .loose()
  .meta({ id: 'CohortReport' });

export const fhirBundleSchema = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    entry: z.array(z.object({ fullUrl: z.string(), resource: z.object({ resourceType: z.string(), id: z.string() }).loose() })),
  })
  .loose()
  .meta({ id: 'FhirBundle', description: 'A FHIR R4 Bundle of type collection (docs/fhir.md).' });

const notFound = problemAnswer('No cohort of that code (or the role may not have this file, answered as absent).');
const badQuery = problemAnswer('A query parameter is not one of its choices; `errors` names it.');

export const cohortFileOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/cohorts/{code}/report',
    operationId: 'getCohortReport',
    tag: 'Cohorts',
    summary: "The cohort's report over the caller's sites",
    description: 'JSON (the summary; include=patients adds trajectories and IMACS rows), CSV, PDF or Word. Every download is recorded in the audit trail.',
    scope: 'read',
    pathParams: cohortPathSchema,
    query: reportQuerySchema,
    responses: {
      200: { description: 'The report: JSON here; text/csv, application/pdf or a .docx for the other formats.', schema: reportJsonSchema },
      400: badQuery,
      404: notFound,
    },
  },
  {
    method: 'get',
    path: '/api/v1/cohorts/{code}/figures/{name}',
    operationId: 'getCohortFigure',
    tag: 'Cohorts',
    summary: "One figure of the cohort's report, as SVG or 300-dpi PNG",
    scope: 'read',
    pathParams: figurePathSchema,
    query: figureQuerySchema,
    responses: { 200: { description: 'The figure.', contentType: 'image/svg+xml' }, 400: badQuery, 404: notFound },
  },
  {
    method: 'get',
    path: '/api/v1/cohorts/{code}/export',
    operationId: 'exportCohort',
    tag: 'Cohorts',
    summary: "The cohort's four CSV files as a zip, or one of them",
    description: "patients.csv, visits.csv, adverse_events.csv and relapses.csv (docs/interchange.md) of the caller's sites; coordinators and admins.",
    scope: 'read',
    pathParams: cohortPathSchema,
    query: exportQuerySchema,
    responses: { 200: { description: 'A zip (application/zip), or text/csv when `file` names one.', contentType: 'application/zip' }, 400: badQuery, 404: notFound },
  },
  {
    method: 'get',
    path: '/api/v1/cohorts/{code}/fhir',
    operationId: 'getCohortFhir',
    tag: 'Cohorts',
    summary: 'The cohort as a FHIR R4 Bundle',
    description: "Pseudonymous: the patient's code, sex and birth year; coordinators and admins.",
    scope: 'read',
    pathParams: cohortPathSchema,
    responses: { 200: { description: 'The Bundle.', contentType: 'application/fhir+json', schema: fhirBundleSchema }, 404: notFound },
  },
  {
    method: 'get',
    path: '/api/v1/cohorts/{code}/analysis',
    operationId: 'getCohortAnalysis',
    tag: 'Cohorts',
    summary: 'Analysis-ready files: long, wide, dictionary, R and Stata scripts, as a zip',
    scope: 'read',
    pathParams: cohortPathSchema,
    responses: { 200: { description: 'The zip (docs/analysis-exports.md).', contentType: 'application/zip' }, 404: notFound },
  },
];
