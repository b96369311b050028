import { itemRoutes } from '@/server/api/record-routes';
import { relapsesApi } from '@/server/api/record-kinds';

/** GET /api/v1/relapses/{relapseId} and PATCH (the changed fields, version and reason): docs/api.md. */
const routes = itemRoutes(relapsesApi);
export const GET = routes.GET;
export const PATCH = routes.PATCH;
