import { NotFoundMessage } from '@/components/NotFoundMessage';

// An address that matches no page; the app's own pages answer inside their layout's <main>
// (app/(app)/not-found.tsx).
export default function NotFound() {
  return (
    <main id="content">
      <NotFoundMessage />
    </main>
  );
}
