import { auditEvidenceQuerySchema, auditTrailQuerySchema, lineListingQuerySchema, queriesQuerySchema } from '../parameters';
import { problemAnswer as problem, type ApiOperation } from '../operation';

// The auditor's downloads: the audit trail, its evidence, the adverse-event line listing, and
// the list of queries on data.

const reviewersOnly = problem('Not an auditor or an admin: answered as absent.');

export const reviewOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/audit',
    operationId: 'getAuditTrail',
    tag: 'Review',
    summary: 'The filtered audit trail as CSV, streamed',
    description: "Auditors (their sites' clinical entries) and admins. The download itself is recorded in the trail.",
    scope: 'read',
    query: auditTrailQuerySchema,
    responses: { 200: { description: 'The trail (docs/audit.md).', contentType: 'text/csv' }, 400: problem('A patient code that cannot be one.'), 404: reviewersOnly },
  },
  {
    method: 'get',
    path: '/api/v1/audit/evidence',
    operationId: 'getAuditEvidence',
    tag: 'Review',
    summary: 'The evidence of a period of the audit trail, as a zip',
    description: 'The trail as CSV and PDF with a manifest of SHA-256 sums and the chain verification (docs/evidence.md).',
    scope: 'read',
    query: auditEvidenceQuerySchema,
    responses: { 200: { description: 'The zip.', contentType: 'application/zip' }, 400: problem('The period is missing or not two dates in order; `errors` names the field.'), 404: reviewersOnly },
  },
  {
    method: 'get',
    path: '/api/v1/adverse-events/line-listing',
    operationId: 'getAdverseEventLineListing',
    tag: 'Review',
    summary: 'The adverse-event line listing as CSV or PDF',
    scope: 'read',
    query: lineListingQuerySchema,
    responses: { 200: { description: 'The listing.', contentType: 'text/csv' }, 400: problem('format is neither csv nor pdf.'), 404: reviewersOnly },
  },
  {
    method: 'get',
    path: '/api/v1/queries',
    operationId: 'listDataQueries',
    tag: 'Review',
    summary: "The queries on data of the caller's sites, as CSV",
    scope: 'read',
    query: queriesQuerySchema,
    responses: { 200: { description: 'The list (docs/queries.md).', contentType: 'text/csv' } },
  },
];
