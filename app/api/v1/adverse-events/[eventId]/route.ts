import { itemRoutes } from '@/server/api/record-routes';
import { adverseEventsApi } from '@/server/api/record-kinds';

/** GET /api/v1/adverse-events/{eventId} and PATCH (the changed fields, version and reason): docs/api.md. */
const routes = itemRoutes(adverseEventsApi);
export const GET = routes.GET;
export const PATCH = routes.PATCH;
