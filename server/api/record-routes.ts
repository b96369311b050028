import 'server-only';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { asOneAction } from '@/db/correlation';
import { canReach } from '@/db/queries/scope';
import { NotFoundError } from '@/lib/errors';
import type { Access } from '@/lib/auth/access';
import { withApiAccess } from '../auth/api-access';
import { listResponse } from './list-response';
import { withProblems } from './problem';
import { assertWriter, idempotencyKey, parseBody, parseQuery, readJson } from './request';

// The four record kinds of /api/v1 (patients, visits, adverse events, relapses) answer alike:
// a list with filters and cursor pagination, one record, a create and an update, each written
// through the data layer with the forms' schemas, as the forms write (docs/api.md). A kind says
// only what differs: its list, its schemas and its data-layer calls.

type Scope = { actorId: string; siteIds: string[] };
type PageQuery = { limit: number | 'all'; cursor: string | null };

export type RecordKind<Q extends PageQuery, R extends { id: string }, C, E extends { reason: string; version: number }> = {
  /** The collection's path, /api/v1/visits. */
  path: string;
  /** The record in words, for not-found: "Visit". */
  name: string;
  /** The route file's [param]. */
  param: string;
  listQuery: z.ZodType<Q>;
  list: (db: Db, page: { siteIds: string[]; filter: Partial<Q> & { id?: string }; after: string | null; limit: number }) => Promise<R[]>;
  createSchema: z.ZodType<C>;
  create: (db: Db, scope: Scope, input: C, requestKey: string | undefined) => Promise<string>;
  editSchema: z.ZodType<E>;
  update: (db: Db, scope: Scope, id: string, version: number, reason: string, input: Omit<E, 'reason' | 'version'>) => Promise<unknown>;
};

const scopeOf = (access: Access): Scope => ({ actorId: access.userId, siteIds: access.siteIds });

/** One record as the list shows it, or not found (another site's, voided, or no such id). */
async function recordById<Q extends PageQuery, R extends { id: string }>(kind: Pick<RecordKind<Q, R, unknown, { reason: string; version: number }>, 'list' | 'name'>, db: Db, siteIds: string[], id: string): Promise<R> {
  const [record] = canReach(siteIds, id) ? await kind.list(db, { siteIds, filter: { id } as Partial<Q> & { id: string }, after: null, limit: 1 }) : [];
  if (!record) throw new NotFoundError(kind.name);
  return record;
}

/**
 * An update sends the fields it changes with `version` and `reason` (a JSON merge patch):
 * the record's other fields are kept as they are, and the whole is checked by the edit form's
 * schema, as the form checks it. The stored version is never filled in for the client.
 */
function mergePatch(current: Record<string, unknown>, body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const { version: _version, ...kept } = current;
  return { ...kept, ...(body as Record<string, unknown>) };
}

export function collectionRoutes<Q extends PageQuery, R extends { id: string }, C, E extends { reason: string; version: number }>(kind: RecordKind<Q, R, C, E>) {
  const GET = withProblems(
    `GET ${kind.path}`,
    withApiAccess('Sign in first, or send a token.', async (access, request: Request) => {
      const { limit, cursor, ...filter } = parseQuery(kind.listQuery, request);
      const db = await getDb();
      return listResponse(`GET ${kind.path}`, (after, n) => kind.list(db, { siteIds: access.siteIds, filter: filter as Partial<Q>, after, limit: n }), { limit, after: cursor });
    }),
  );
  const POST = withProblems(
    `POST ${kind.path}`,
    withApiAccess('Sign in first, or send a token.', async (access, request: Request) => {
      assertWriter(access);
      const requestKey = idempotencyKey(request);
      const input = parseBody(kind.createSchema, await readJson(request));
      const db = await getDb();
      const id = await asOneAction(() => kind.create(db, scopeOf(access), input, requestKey));
      const record = await recordById(kind, db, access.siteIds, id);
      return Response.json(record, { status: 201, headers: { location: `${kind.path}/${id}`, 'cache-control': 'no-store' } });
    }),
  );
  return { GET, POST };
}

type ItemContext = { params: Promise<Record<string, string>> };

export function itemRoutes<Q extends PageQuery, R extends { id: string }, C, E extends { reason: string; version: number }>(kind: RecordKind<Q, R, C, E>) {
  const find = async (db: Db, access: Access, context: ItemContext) => {
    const id = (await context.params)[kind.param] ?? '';
    return recordById(kind, db, access.siteIds, id);
  };
  const GET = withProblems(
    `GET ${kind.path}/{id}`,
    withApiAccess('Sign in first, or send a token.', async (access, _request: Request, context: ItemContext) =>
      Response.json(await find(await getDb(), access, context), { headers: { 'cache-control': 'no-store' } }),
    ),
  );
  const PATCH = withProblems(
    `PATCH ${kind.path}/{id}`,
    withApiAccess('Sign in first, or send a token.', async (access, request: Request, context: ItemContext) => {
      assertWriter(access);
      const body = await readJson(request);
      const db = await getDb();
      const current = await find(db, access, context);
      const { reason, version, ...input } = parseBody(kind.editSchema, mergePatch(current, body));
      await asOneAction(() => kind.update(db, scopeOf(access), current.id, version, reason, input));
      return Response.json(await find(db, access, context), { headers: { 'cache-control': 'no-store' } });
    }),
  );
  return { GET, PATCH };
}

/** The body of a create under a patient: the form's fields and the patient's id, refused together. */
export function underPatient<S extends z.ZodType>(schema: S) {
  const patient = z.object({ patientId: z.uuid('patientId must be the id of one of your patients') }, { error: 'The body must be a JSON object' });
  return z.unknown().transform((body, ctx): z.output<S> & { patientId: string } => {
    const a = patient.safeParse(body);
    const b = schema.safeParse(body);
    for (const issue of [...(a.success ? [] : a.error.issues), ...(b.success ? [] : b.error.issues)])
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    if (!a.success || !b.success) return z.NEVER;
    return Object.assign({}, b.data as z.output<S>, { patientId: a.data.patientId });
  });
}
