import { getDb } from '@/db/client';
import { listSites } from '@/db/queries/sites';
import { withApiAccess } from '@/server/auth/api-access';
import { withProblems } from '@/server/api/problem';

/** GET /api/v1/sites — the caller's sites (an admin's: every site), for a new patient's siteId (docs/api.md). */
export const GET = withProblems('GET /api/v1/sites', withApiAccess('Sign in first, or send a token.', async (access) => {
  const sites = await listSites(await getDb(), { siteIds: access.siteIds });
  const data = sites.map(({ id, code, name }) => ({ id, code, name }));
  return Response.json({ data, nextCursor: null }, { headers: { 'cache-control': 'no-store' } });
}));
