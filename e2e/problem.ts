import { expect, type APIResponse } from '@playwright/test';

/** An API refusal (RFC 9457 problem details), with its field errors by pointer. */
export async function problemOf(res: APIResponse): Promise<{ status: number; detail: string; errors: Record<string, string> }> {
  expect(res.headers()['content-type']).toBe('application/problem+json');
  const body = (await res.json()) as { status: number; detail: string; errors?: { pointer: string; detail: string }[] };
  expect(body.status).toBe(res.status());
  return { status: body.status, detail: body.detail, errors: Object.fromEntries((body.errors ?? []).map((e) => [e.pointer, e.detail])) };
}
