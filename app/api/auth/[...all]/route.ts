import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getAuth } from '@/server/auth/auth';
import { unavailableResponse, withDatabase } from '@/lib/db-unavailable';

// better-auth's own endpoints (session, sign-out); sign-in goes through a server action.
// A database that cannot be reached answers 503 with a JSON message: better-auth throws some
// of its failures (answered by withDatabase) and turns others into a 500 of its own, after
// which a ping tells whether the database was the cause.
const handle = withDatabase('/api/auth', async (request: Request) => {
  const response = await (await getAuth()).handler(request);
  if (response.status >= 500 && !(await databaseAnswers())) return unavailableResponse();
  return response;
});

async function databaseAnswers(): Promise<boolean> {
  try {
    await (await getDb()).execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

export const GET = handle;
export const POST = handle;
