import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import postgres from 'postgres';
import { e2eDatabaseUrl } from '../db/local-only';
import { baseURL } from '../playwright.config';
import { DEMO_PASSWORD } from './helpers';

// Talking to the e2e server the way a browser's fetch does, without a browser: sign-in
// through better-auth, server actions over HTTP, and the e2e database read directly.

export const BASE = baseURL;

/** The e2e server's database (scripts/e2e-server.ts), which is on this machine. */
export function openDb() {
  return postgres(e2eDatabaseUrl(), { max: 2, onnotice: () => {} });
}
export type Sql = ReturnType<typeof openDb>;

/** What a refused write must leave as it was. */
export async function snapshot(sql: Sql) {
  const [row] = await sql`
    select (select count(*) from patient)::int as patients,
           (select count(*) from visit)::int as visits,
           (select count(*) from adverse_event)::int as adverse_events,
           (select count(*) from "user")::int as users,
           (select count(*) from user_site)::int as user_sites,
           (select count(*) from session)::int as sessions,
           (select count(*) from site)::int as sites,
           (select count(*) from cohort)::int as cohorts,
           (select coalesce(sum(version), 0) from patient)::int as patient_versions,
           (select coalesce(sum(version), 0) from visit)::int as visit_versions,
           (select coalesce(sum(version), 0) from adverse_event)::int as event_versions,
           (select count(*) from data_query_step)::int as query_steps,
           (select coalesce(max(seq), 0) from audit_log)::text as audit_seq`;
  return row!;
}
export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/**
 * POST /api/auth/sign-in/email as the browser would. better-auth limits sign-ins to a few per
 * ten seconds from one address: when it answers 429, wait as long as it says and ask again.
 */
export async function signInThroughAuth(
  context: APIRequestContext,
  email: string,
  { password = DEMO_PASSWORD, headers = {} }: { password?: string; headers?: Record<string, string> } = {},
): Promise<APIResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await context.post('/api/auth/sign-in/email', { headers: { origin: BASE, ...headers }, data: { email, password } });
    if (res.status() !== 429 || attempt === 5) return res;
    const seconds = Number(res.headers()['x-retry-after'] ?? '2');
    await new Promise((resolve) => setTimeout(resolve, (Math.max(1, seconds) + 0.2) * 1000));
  }
}

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The build's server actions, as `<file>#<export>` → action id. */
export function buildActions(): Map<string, string> {
  const file = path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx next build\` first`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  const actions = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) actions.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return actions;
}

export type ActionReply = {
  status: number;
  /** The action's own return value; `error` when it threw or was refused by Next; `redirect` when it redirected. */
  result?: unknown;
  error?: unknown;
  redirect?: string;
  body: string;
};

/** Reads the action's result out of the React flight answer. */
export function parseFlight(body: string): { result?: unknown; error?: unknown } {
  const lines = body.split('\n');
  const root = lines.find((l) => l.startsWith('0:'));
  if (!root) return { error: `no flight root in ${body.slice(0, 200)}` };
  const ref = (JSON.parse(root.slice(2)) as { a?: unknown }).a;
  if (typeof ref !== 'string' || !ref.startsWith('$@')) return { error: `no action result in ${root.slice(0, 200)}` };
  const id = ref.slice(2);
  const line = lines.find((l) => l.startsWith(`${id}:`));
  if (!line) return { error: `no chunk ${id}` };
  const chunk = line.slice(id.length + 1);
  if (chunk.startsWith('E')) return { error: JSON.parse(chunk.slice(1)) };
  return { result: JSON.parse(chunk) };
}

async function reply(res: APIResponse): Promise<ActionReply> {
  const body = await res.text();
  const redirect = res.headers()['x-action-redirect'];
  if (redirect) return { status: res.status(), redirect: redirect.split(';')[0], body };
  return { status: res.status(), body, ...parseFlight(body) };
}

/** Calls a server action as the browser's fetch does: JSON arguments, our Origin unless told. */
export async function callAction(
  context: APIRequestContext,
  actionId: string,
  args: unknown[],
  { page = '/patients', headers = {} }: { page?: string; headers?: Record<string, string> } = {},
): Promise<ActionReply> {
  const res = await context.post(page, {
    headers: {
      'next-action': actionId,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: BASE,
      ...headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return reply(res);
}

/**
 * Calls an action whose arguments are `(previousState, formData)`, as React 19's encodeReply
 * sends them: the FormData's fields named `_<ref>_<field>`, the arguments in field 0, which
 * names the FormData `$K<ref>`.
 */
export async function callFormAction(
  context: APIRequestContext,
  actionId: string,
  previous: unknown,
  files: Record<string, { name: string; text: string }>,
  { page = '/import', headers = {} }: { page?: string; headers?: Record<string, string> } = {},
): Promise<ActionReply> {
  // As React sends it: the form's fields first, the arguments (field 0) last, since the
  // server builds the FormData argument from the fields that came before.
  const multipart = new FormData();
  for (const [field, file] of Object.entries(files)) multipart.append(`_1_${field}`, new File([file.text], file.name, { type: 'text/csv' }));
  multipart.append('0', JSON.stringify([previous, '$K1']));
  const res = await context.post(page, {
    headers: { 'next-action': actionId, accept: 'text/x-component', origin: BASE, ...headers },
    multipart,
    maxRedirects: 0,
  });
  return reply(res);
}

export function randomUuid(): string {
  return crypto.randomUUID();
}
