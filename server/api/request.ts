import 'server-only';
import type { z } from 'zod';
import { queryObject } from '@/lib/api/list';
import { canWriteClinical, type Access } from '@/lib/auth/access';
import { requestKeySchema } from '@/lib/request-key';
import { ApiRefusal, invalidBody, invalidQuery } from './problem';

// Reading a request of /api/v1: its query against the list's schema, its JSON body against the
// form's schema, its Idempotency-Key, and whether the caller may write. Each refusal is thrown
// as an ApiRefusal and answered as a problem by the route's wrapper (./problem.ts).

export function parseQuery<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  // An empty parameter (cohort= from a blank choice) is one not given.
  const values = Object.fromEntries(Object.entries(queryObject(new URL(request.url))).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw invalidQuery(parsed.error);
  return parsed.data;
}

const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** The body as JSON: 415 when it says it is something else, 400 when it does not parse. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type && !JSON_TYPES.includes(type) && !type.endsWith('+json'))
    throw new ApiRefusal(415, `Send the body as application/json (it came as ${type}). Nothing was saved.`);
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiRefusal(400, 'The body is not valid JSON. Nothing was saved.');
  }
}

/** The body against a form's schema: 422 naming each refused field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidBody(parsed.error);
  return parsed.data;
}

/** The create's Idempotency-Key header (a UUID, as the forms' request keys are), or undefined. */
export function idempotencyKey(request: Request): string | undefined {
  const header = request.headers.get('idempotency-key');
  if (header === null) return undefined;
  const parsed = requestKeySchema.safeParse(header.trim().replace(/^"(.*)"$/, '$1'));
  if (!parsed.success) throw new ApiRefusal(400, 'The Idempotency-Key header must be a UUID (a new one per record to create). Nothing was saved.');
  return parsed.data;
}

/** Clinicians and coordinators write clinical records; auditors and admins only read. */
export function assertWriter(access: Access): void {
  if (!canWriteClinical(access.role)) throw new ApiRefusal(403, 'Your role cannot change clinical records. Nothing was saved.');
}
