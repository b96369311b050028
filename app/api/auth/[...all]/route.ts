import { getAuth } from '@/lib/auth/auth';
import { withDatabase } from '@/lib/db-unavailable';

// better-auth's own endpoints (session, sign-out); sign-in goes through a server action.
// A database that cannot be reached answers 503 with a JSON message.
const handle = withDatabase('/api/auth', async (request: Request) => (await getAuth()).handler(request));

export const GET = handle;
export const POST = handle;
