import fs from 'node:fs';
import path from 'node:path';
import { PARAMS, SITES, sitesOf, type RoleKey } from './access-matrix';
import type { Rec, Scope, World } from './access-matrix-world';
import { BASE, randomUuid } from './http';

// The app's routes, found on disk, and each filled in for every kind of record: the role's
// own, another site's, malformed and random ids; what an answer means; what it must not show.

const APP_DIR = path.join(process.cwd(), 'app');

/** `app/(app)/patients/[patientId]/page.tsx` → `/patients/[patientId]`; route groups dropped. */
export function discoverRoutes(): { pages: string[]; apis: string[] } {
  const pages: string[] = [];
  const apis: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const name = entry.name;
        if (name.startsWith('_')) continue; // private folders are not routes
        if (name.startsWith('@')) walk(path.join(dir, name), segments); // parallel-route slots
        else if (/^\(.*\)$/.test(name)) walk(path.join(dir, name), segments); // route groups
        else walk(path.join(dir, name), [...segments, name]);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        pages.push(`/${segments.join('/')}`);
      } else if (/^route\.(ts|js|tsx|jsx)$/.test(entry.name)) {
        apis.push(`/${segments.join('/')}`);
      }
    }
  };
  walk(APP_DIR, []);
  return { pages: [...new Set(pages)].sort(), apis: [...new Set(apis)].sort() };
}

export function difference(have: Iterable<string>, listed: Iterable<string>) {
  const listedSet = new Set(listed);
  const haveSet = new Set(have);
  return { missing: [...haveSet].filter((x) => !listedSet.has(x)), stale: [...listedSet].filter((x) => !haveSet.has(x)) };
}

export function paramsOf(pattern: string): string[] {
  return [...pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
}

export function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(values[name] ?? `missing-${name}`));
}

export type Variant = { label: string; scope: Scope; values: Record<string, string> };

function recordValues(rec: Rec): Record<string, string> {
  return { patientId: rec.patientId, visitId: rec.visitId, eventId: rec.eventId, relapseId: rec.relapseId, queryId: rec.queryId };
}

/** Each record-keyed route once per site, with a malformed id, a random uuid, and a child under the wrong patient. */
export function variants(pattern: string, { fixtures, otherNordPatientId, clinicianUserId }: World): Variant[] {
  const kinds = new Set(paramsOf(pattern).map((p) => PARAMS[p as keyof typeof PARAMS]));
  if (kinds.size === 0) return [{ label: 'no parameters', scope: 'any', values: {} }];
  const out: Variant[] = [];
  if (kinds.has('patient') || kinds.has('visit') || kinds.has('adverseEvent') || kinds.has('relapse') || kinds.has('query')) {
    for (const site of SITES) out.push({ label: `${site} record`, scope: site, values: recordValues(fixtures[site]) });
    out.push({ label: 'malformed id', scope: 'none', values: { patientId: 'not-a-uuid', visitId: 'not-a-uuid', eventId: '1 or 1=1', relapseId: 'x', queryId: "x' or 1=1" } });
    out.push({
      label: 'random uuid',
      scope: 'none',
      values: { patientId: randomUuid(), visitId: randomUuid(), eventId: randomUuid(), relapseId: randomUuid(), queryId: randomUuid() },
    });
    if (kinds.has('patient') && (kinds.has('visit') || kinds.has('adverseEvent') || kinds.has('relapse'))) {
      out.push({ label: "NORD child under another NORD patient", scope: 'none', values: { ...recordValues(fixtures.NORD), patientId: otherNordPatientId } });
      out.push({ label: 'NORD child under a SUD patient', scope: 'none', values: { ...recordValues(fixtures.NORD), patientId: fixtures.SUD.patientId } });
    }
  }
  if (kinds.has('user')) {
    out.push({ label: 'existing user', scope: 'any', values: { userId: clinicianUserId } });
    out.push({ label: 'malformed user id', scope: 'none', values: { userId: 'not-a-user' } });
    out.push({ label: 'random user uuid', scope: 'none', values: { userId: randomUuid() } });
  }
  if (kinds.has('cohort')) {
    // Cohorts are shared by every site (the cohorts page lists them all); a report shows only
    // the reader's sites' patients, which the leak check holds it to.
    out.push({ label: 'cohort with NORD and SUD patients', scope: 'any', values: { code: 'DEMO-JAKI' } });
    out.push({ label: 'cohort with EST patients only', scope: 'any', values: { code: 'E2E-EST' } });
    out.push({ label: 'unknown cohort', scope: 'none', values: { code: 'NO-SUCH-COHORT' } });
    out.push({ label: 'malformed cohort code', scope: 'none', values: { code: `x'";--<b>` } });
  }
  if (kinds.has('figure')) {
    // Each cohort above asks for one figure; then a figure that does not exist.
    for (const v of out) v.values.name = 'continuation';
    out.push({ label: 'unknown figure', scope: 'none', values: { code: 'DEMO-JAKI', name: 'no-such-figure' } });
  }
  return out;
}

export function inScope(role: RoleKey, scope: Scope): boolean {
  if (scope === 'any') return true;
  if (scope === 'none') return false;
  return sitesOf(role).includes(scope);
}

/** Ids and codes of records at sites the role does not work at: never in an answer. */
export function leaked(role: RoleKey, body: string, requestPath: string, { recordsBySite }: World): string[] {
  const mine = new Set<string>(sitesOf(role));
  const text = body.replaceAll('e.g. NRD-004', ''); // the patient search's placeholder
  const found = new Set([
    ...(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []),
    ...(text.match(/\b[A-Z]{3}-\d{3}\b/g) ?? []),
  ]);
  const out: string[] = [];
  for (const [site, records] of recordsBySite) {
    if (mine.has(site)) continue;
    for (const token of found) if (records.has(token) && !requestPath.includes(token)) out.push(`${site} record ${token}`);
  }
  return out;
}

export function describeAnswer(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400) {
    const where = location ? new URL(location, BASE).pathname : '?';
    return where === '/login' ? 'login' : `redirect:${where}`;
  }
  if (status === 200) return 'ok';
  if (status === 404) return 'notFound';
  if (status === 401) return 'unauthorized';
  return `status ${status}`;
}
