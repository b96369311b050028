import { collectionRoutes } from '@/server/api/record-routes';
import { visitsApi } from '@/server/api/record-kinds';

/** GET /api/v1/visits (list: filters, cursor pages, limit=all streams) and POST (create, Idempotency-Key): docs/api.md. */
const routes = collectionRoutes(visitsApi);
export const GET = routes.GET;
export const POST = routes.POST;
