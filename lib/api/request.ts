import type { z } from 'zod';
import { fieldErrorsOf } from '@/lib/action-errors';
import { problemResponse } from './problem';

/**
 * The request's query string read with the operation's schema, or the 400 problem naming each
 * wrong parameter (pointers name query parameters, e.g. "#/format").
 */
export function parseQuery<S extends z.ZodObject>(request: Request, schema: S): { query: z.output<S> } | { refusal: Response } {
  const params = new URL(request.url).searchParams;
  const values: Record<string, string> = {};
  // An empty parameter (site= from a form's blank choice) is one not given.
  for (const [key, value] of params) if (value !== '') values[key] = value;
  const parsed = schema.safeParse(values);
  if (parsed.success) return { query: parsed.data };
  return { refusal: problemResponse(400, 'A query parameter is not valid.', { errors: fieldErrorsOf(parsed.error) }) };
}
