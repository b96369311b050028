import { itemRoutes } from '@/server/api/record-routes';
import { visitsApi } from '@/server/api/record-kinds';

/** GET /api/v1/visits/{visitId} and PATCH (the changed fields, version and reason): docs/api.md. */
const routes = itemRoutes(visitsApi);
export const GET = routes.GET;
export const PATCH = routes.PATCH;
