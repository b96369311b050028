import { getAuth } from '@/lib/auth/auth';

// better-auth's own endpoints (session, sign-out); sign-in goes through a server action.
async function handle(request: Request) {
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
