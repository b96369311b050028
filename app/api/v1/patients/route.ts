import { collectionRoutes } from '@/server/api/record-routes';
import { patientsApi } from '@/server/api/record-kinds';

/** GET /api/v1/patients (list: filters, cursor pages, limit=all streams) and POST (create, Idempotency-Key): docs/api.md. */
const routes = collectionRoutes(patientsApi);
export const GET = routes.GET;
export const POST = routes.POST;
