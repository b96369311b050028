import { z } from 'zod';

// The API's refusals are RFC 9457 problem details (media type application/problem+json). A
// refused field is named by its JSON pointer into the request body ("#/visitDate",
// "#/items/0/erythema"), as the RFC's own example does, with the form's message.

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const problemSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem; "about:blank" when the status says it all.'),
    title: z.string().describe('A short summary of the kind of problem.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().optional().describe('What went wrong with this request, in plain words.'),
    code: z.string().optional().describe('A code for programs where the status is not enough: database_unavailable.'),
    errors: z
      .array(z.object({ pointer: z.string().describe('JSON pointer to the refused field, e.g. "#/visitDate".'), detail: z.string() }))
      .optional()
      .describe('One entry per refused field.'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** "visitDate" or "items.0.erythema" (the forms' field keys) as a JSON pointer into the body. */
export function pointerOf(fieldKey: string): string {
  if (fieldKey === 'form' || fieldKey === '') return '#';
  return `#/${fieldKey.split('.').map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Invalid fields',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Service unavailable',
};

/** A refusal as application/problem+json; `errors` maps the forms' field keys to their messages. */
export function problemResponse(
  status: number,
  detail: string,
  { errors, headers, code }: { errors?: Record<string, string>; headers?: Record<string, string>; code?: string } = {},
): Response {
  const body: Problem = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(code ? { code } : {}),
    ...(errors ? { errors: Object.entries(errors).map(([field, message]) => ({ pointer: pointerOf(field), detail: message })) } : {}),
  };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': PROBLEM_MEDIA_TYPE, 'cache-control': 'no-store', ...headers } });
}
