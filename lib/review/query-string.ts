/** A query string of the given values with some changed, empty values left out ('' or '?…'). */
export function queryString(values: Record<string, string | undefined>, change: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...change })) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
