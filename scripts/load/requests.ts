import fs from 'node:fs';

// One request of the load, timed and classified by what it answered: ok, "temporarily
// unavailable", "not known whether this was saved", or anything else (unexpected).

export const REQUEST_TIMEOUT_MS = 30_000;

export type Kind = 'save' | 'page' | 'health' | 'api';
export type Outcome = 'ok' | 'unavailable' | 'uncertain' | 'unexpected';

export type Sample = { kind: Kind; outcome: Outcome; startedAt: number; ms: number; detail?: string };

export function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as { node: Record<string, { exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!entry) throw new Error(`server action ${exportedName} not found in the build`);
  return entry[0];
}

const UNAVAILABLE = /temporarily unavailable/;
const UNCERTAIN = /not known whether this was saved/;

/** One request with a time limit; a network error or a timeout is an outcome too, never a hang. */
export async function timed(kind: Kind, url: string, init: RequestInit, classify: (status: number, body: string) => { outcome: Outcome; detail?: string; id?: string }) {
  const startedAt = performance.now();
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await res.text();
    const result = classify(res.status, body);
    return { kind, startedAt, ms: performance.now() - startedAt, ...result };
  } catch (e) {
    const name = (e as Error)?.name ?? 'error';
    const code = (e as { cause?: { code?: string } })?.cause?.code;
    return { kind, startedAt, ms: performance.now() - startedAt, outcome: 'unexpected' as Outcome, detail: `${kind}: ${name}${code ? ` ${code}` : ''}` };
  }
}

export function classifySave(status: number, body: string) {
  const ok = /"ok":true,"id":"([0-9a-f-]{36})"/.exec(body);
  if (status === 200 && ok) return { outcome: 'ok' as Outcome, id: ok[1] };
  if (UNCERTAIN.test(body)) return { outcome: 'uncertain' as Outcome };
  if (UNAVAILABLE.test(body)) return { outcome: 'unavailable' as Outcome };
  return { outcome: 'unexpected' as Outcome, detail: `save: ${status} ${body.replace(/\s+/g, ' ').slice(0, 200)}` };
}

export function classifyPage(code: string) {
  return (status: number, body: string) => {
    if (status === 200 && body.includes(code)) return { outcome: 'ok' as Outcome };
    // Next.js renders the error page in the browser from the digest lib/db-unavailable.ts sets.
    if (status >= 500 && (UNAVAILABLE.test(body) || body.includes('DATABASE_UNAVAILABLE')))
      return { outcome: 'unavailable' as Outcome, detail: `page: ${status}, the error page for an unavailable database` };
    return { outcome: 'unexpected' as Outcome, detail: `page: ${status} ${status === 200 ? 'without the patient' : body.replace(/\s+/g, ' ').slice(0, 200)}` };
  };
}

export function classifyJson503(kind: Kind) {
  return (status: number, body: string) => {
    if (status === 200) return { outcome: 'ok' as Outcome, detail: `${kind}: 200` };
    let message = '';
    try {
      // The API answers problem details (detail); the health check and sign-in an error.
      const parsed = JSON.parse(body) as { error?: unknown; detail?: unknown };
      message = String(parsed.detail ?? parsed.error ?? '');
    } catch {
      // not JSON: unexpected below
    }
    if (status === 503 && UNAVAILABLE.test(message)) return { outcome: 'unavailable' as Outcome, detail: `${kind}: 503 ${message}` };
    return { outcome: 'unexpected' as Outcome, detail: `${kind}: ${status} ${body.slice(0, 200)}` };
  };
}
