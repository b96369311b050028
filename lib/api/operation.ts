import type { z } from 'zod';
import { PROBLEM_MEDIA_TYPE, problemSchema } from './problem';

// One description of each API operation, from which /api/v1/openapi.json is generated
// (lib/api/openapi.ts) and against which a test checks that every route file is documented.
// Schemas are the same zod schemas the routes parse with.

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export type ApiResponse = {
  description: string;
  /** application/json unless given (application/problem+json, text/csv, application/zip, ...). */
  contentType?: string;
  schema?: z.ZodType;
  /** Must validate against `schema` (a test checks every example). */
  example?: unknown;
};

export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI form: /api/v1/visits/{id} (the route file's [param] is {param}). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** The token scope the method needs (lib/auth/tokens.ts scopeFor). */
  scope: 'read' | 'write';
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the operation reads, e.g. Idempotency-Key. */
  headers?: z.ZodObject;
  /**
   * `fields`: the record's schema, describing for readers the fields the body shares with it
   * (the forms' schemas accept browser strings, and say little about a field's type as JSON).
   */
  body?: { schema: z.ZodType; fields?: z.ZodObject; example?: unknown; contentType?: string };
  /** Success and refusal answers by status; 401/403/429 of withApiAccess are added for every operation. */
  responses: Record<number, ApiResponse>;
};

/** A refusal's answer in the document: a problem (lib/api/problem.ts), described for this operation. */
export function problemAnswer(description: string, example?: unknown): ApiResponse {
  return { description, contentType: PROBLEM_MEDIA_TYPE, schema: problemSchema, ...(example === undefined ? {} : { example }) };
}
