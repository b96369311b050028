import { getDb } from '@/db/client';
import { listCohortsWithCounts } from '@/db/queries/report';
import { withApiAccess } from '@/server/auth/api-access';
import { withProblems } from '@/server/api/problem';

/**
 * GET /api/v1/cohorts — every cohort, as the Cohorts page lists them, with the number of its
 * patients at the caller's sites and whether it is locked for analysis (docs/api.md).
 */
export const GET = withProblems('GET /api/v1/cohorts', withApiAccess('Sign in first, or send a token.', async (access) => {
  const cohorts = await listCohortsWithCounts(await getDb(), { siteIds: access.siteIds });
  const data = cohorts.map(({ id, code, name, patients, lockedAt }) => ({ id, code, name, patients, lockedAt }));
  return Response.json({ data, nextCursor: null }, { headers: { 'cache-control': 'no-store' } });
}));
