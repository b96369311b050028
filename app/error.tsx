'use client';

import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/db-unavailable';

// The error page of every route (pages and their layouts). In production, Next.js hides a
// server error's message and passes only its digest: the database's unavailability is
// recognised by the digest lib/db-unavailable.ts gives it.

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const unavailable = digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <main id="content">
      <h1>{unavailable ? 'The database is temporarily unavailable' : 'Something went wrong'}</h1>
      {unavailable ? (
        <>
          <p>The registry cannot reach its database just now, so this page cannot be shown. Nothing has been changed.</p>
          <p>Please try again in a moment.</p>
        </>
      ) : (
        <p>The server could not show this page. Please try again; if it keeps happening, tell your registry administrator{digest ? ` (reference ${digest})` : ''}.</p>
      )}
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </p>
    </main>
  );
}
