import { apiDocument } from '@/lib/api/document';
import { withDatabase } from '@/lib/db-unavailable';
import { withApiAccess } from '@/server/auth/api-access';

/** GET /api/v1/openapi.json — the API's OpenAPI 3.1 document (lib/api/openapi.ts), for every signed-in role and token. */
export const GET = withDatabase('GET /api/v1/openapi.json', withApiAccess('Sign in first.', async () => Response.json(apiDocument())));
