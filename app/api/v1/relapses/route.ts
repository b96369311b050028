import { collectionRoutes } from '@/server/api/record-routes';
import { relapsesApi } from '@/server/api/record-kinds';

/** GET /api/v1/relapses (list: filters, cursor pages, limit=all streams) and POST (create, Idempotency-Key): docs/api.md. */
const routes = collectionRoutes(relapsesApi);
export const GET = routes.GET;
export const POST = routes.POST;
