import { itemRoutes } from '@/server/api/record-routes';
import { patientsApi } from '@/server/api/record-kinds';

/** GET /api/v1/patients/{patientId} and PATCH (the changed fields, version and reason): docs/api.md. */
const routes = itemRoutes(patientsApi);
export const GET = routes.GET;
export const PATCH = routes.PATCH;
