import fs from 'node:fs';
import path from 'node:path';
import { request, type APIRequest, type APIRequestContext } from '@playwright/test';
import { USERS, type UserKey } from './access-matrix';
import { BASE, signInThroughAuth } from './http';

// One saved session per demo user, signed in once by the setup project (sessions.setup.ts)
// and reused by every test that is not about signing in itself. Kept in a git-ignored folder.
//
// A saved session can still end during a run: unused for SESSION_IDLE_MINUTES (30) in a long
// or slow run, or signed out by a test. So each use checks it first and signs in again when it
// has ended; no test depends on what an earlier one did to a shared session.

export const SESSIONS_DIR = path.join(process.cwd(), 'e2e', '.sessions');

export function sessionFile(role: UserKey): string {
  return path.join(SESSIONS_DIR, `${role}.json`);
}

/** Signs `role` in through better-auth's endpoint and saves the session (cookies) to its file. */
export async function saveSession(role: UserKey): Promise<string> {
  const context = await request.newContext({ baseURL: BASE });
  try {
    const res = await signInThroughAuth(context, USERS[role].email);
    if (res.status() !== 200) throw new Error(`sign-in of ${USERS[role].email} answered ${res.status()}`);
    fs.mkdirSync(SESSIONS_DIR, { recursive: true });
    await context.storageState({ path: sessionFile(role) });
    return sessionFile(role);
  } finally {
    await context.dispose();
  }
}

/**
 * The file of `role`'s saved session, still signed in: a page behind sign-in answers 200
 * (which also counts as use, so the idle time starts again); otherwise it is signed in anew.
 */
export async function liveSession(role: UserKey): Promise<string> {
  const file = sessionFile(role);
  if (fs.existsSync(file)) {
    const context = await request.newContext({ baseURL: BASE, storageState: file });
    try {
      if ((await context.get('/patients', { maxRedirects: 0 })).status() === 200) return file;
    } finally {
      await context.dispose();
    }
  }
  return saveSession(role);
}

/** A request context signed in as `role` (its saved session), or signed out. */
export async function newSession(api: APIRequest, role?: UserKey): Promise<APIRequestContext> {
  return api.newContext({ baseURL: BASE, storageState: role ? await liveSession(role) : undefined });
}
