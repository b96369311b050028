import 'server-only';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { asOneAction } from '@/db/correlation';
import { failureOf, invalid } from '@/lib/action-errors';
import { canWriteClinical, type Access } from '@/lib/auth/access';
import type { Role } from '@/lib/codes';
import { ForbiddenError, type ActionResult } from '@/lib/errors';
import { requestKeySchema } from '@/lib/request-key';
import { getAccess } from './auth/session';

// Every server action takes the same steps: who is asking (signed in, with a role that may),
// what they sent (the form's schema, a create form's request key), the work on the data layer
// with the caller's sites, and the pages to refresh. A refusal or a failure is answered as
// lib/action-errors.ts says; Next's own signals (redirect, not found) pass through. The call
// is one user action: every audit entry it writes carries one correlation id (db/correlation.ts).

/** Who may call an action, and what everyone else is told. */
export type Permit = {
  allows: (role: Role) => boolean;
  refused: string;
  /** For a signed-out caller; `refused` when not given. */
  signedOut?: string;
};

/** The roles that enter clinical data: clinicians and coordinators. */
export const CLINICAL_WRITERS: Permit = {
  allows: canWriteClinical,
  signedOut: 'Your session has ended: sign in again. Nothing was saved.',
  refused: 'Your role cannot change clinical records. Nothing was saved.',
};

export type ActionContext<I> = {
  access: Access;
  db: Db;
  /** Who writes and which sites they reach, as every data-layer write takes them. */
  scope: { actorId: string; siteIds: string[] };
  input: I;
  /** A create form's idempotency key (lib/request-key.ts), when it sent one. */
  requestKey?: string;
};

/** What the work answers, with the paths whose pages now show other data. */
type Done<T> = T & { revalidate: string[] };

type Spec = { permit: Permit };
type SpecWithSchema<S extends z.ZodType> = Spec & { schema: S; values: unknown; requestKey?: unknown };

export async function serverAction<S extends z.ZodType, T extends object>(
  spec: SpecWithSchema<S>,
  work: (context: ActionContext<z.output<S>>) => Promise<Done<T>>,
): Promise<ActionResult<Omit<T, 'revalidate'>>>;
export async function serverAction<T extends object>(
  spec: Spec,
  work: (context: ActionContext<undefined>) => Promise<Done<T>>,
): Promise<ActionResult<Omit<T, 'revalidate'>>>;
export async function serverAction<T extends object>(
  spec: Spec | SpecWithSchema<z.ZodType>,
  // The overloads above tie the input's type to the schema; here it is whatever was parsed.
  work: (context: ActionContext<any>) => Promise<Done<T>>,
): Promise<ActionResult<Omit<T, 'revalidate'>>> {
  return asOneAction(() => run(spec, work));
}

async function run<T extends object>(
  spec: Spec | SpecWithSchema<z.ZodType>,
  work: (context: ActionContext<any>) => Promise<Done<T>>,
): Promise<ActionResult<Omit<T, 'revalidate'>>> {
  try {
    const access = await getAccess();
    const { permit } = spec;
    if (!access) throw new ForbiddenError(permit.signedOut ?? permit.refused);
    if (!permit.allows(access.role)) throw new ForbiddenError(permit.refused);
    let input: unknown;
    let requestKey: string | undefined;
    if ('schema' in spec) {
      const parsed = spec.schema.safeParse(spec.values);
      if (!parsed.success) return invalid(parsed.error);
      const key = requestKeySchema.safeParse(spec.requestKey);
      if (!key.success) return invalid(key.error);
      input = parsed.data;
      requestKey = key.data;
    }
    const db = await getDb();
    const { revalidate, ...answer } = await work({ access, db, scope: { actorId: access.userId, siteIds: access.siteIds }, input, requestKey });
    for (const path of revalidate) revalidatePath(path);
    return { ok: true, ...answer };
  } catch (e) {
    unstable_rethrow(e);
    return failureOf(e);
  }
}
