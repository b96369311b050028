'use client';

import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/db-unavailable';

// Errors in the root layout itself (which reads no data); it replaces the whole document.

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const unavailable = digest === DATABASE_UNAVAILABLE_DIGEST;
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
        <title>{unavailable ? 'Temporarily unavailable' : 'Error'}</title>
        <main>
          <h1>{unavailable ? 'The database is temporarily unavailable' : 'Something went wrong'}</h1>
          <p>{unavailable ? 'Please try again in a moment.' : 'Please try again; if it keeps happening, tell your registry administrator.'}</p>
          <button type="button" onClick={() => retry()}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
