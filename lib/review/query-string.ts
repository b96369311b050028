/** A query string of the given values with some changed, empty values left out ('' or '?…'). */
export function queryString(values: Record<string, string | undefined>, change: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...change })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Query-string values as Next gives them to a page: an array when a key is repeated. */
export type RawQuery = Record<string, string | string[] | undefined>;

/**
 * The values a page or a route reads: the first of a repeated key, and nothing for a value
 * holding a NUL (only a hand-made URL has one; a text column refuses it, so the query would
 * fail and the page with it).
 */
export function queryValues(raw: RawQuery): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && !first.includes('\u0000')) out[key] = first;
  }
  return out;
}
