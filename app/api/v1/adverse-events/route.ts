import { collectionRoutes } from '@/server/api/record-routes';
import { adverseEventsApi } from '@/server/api/record-kinds';

/** GET /api/v1/adverse-events (list: filters, cursor pages, limit=all streams) and POST (create, Idempotency-Key): docs/api.md. */
const routes = collectionRoutes(adverseEventsApi);
export const GET = routes.GET;
export const POST = routes.POST;
