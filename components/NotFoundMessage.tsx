import Link from 'next/link';

/** What a missing page says, inside the signed-in layout or on its own. */
export function NotFoundMessage() {
  return (
    <>
      <h1>Not found</h1>
      <p className="muted">This page does not exist, or it is not one you have access to.</p>
      <p>
        <Link href="/patients">Back to patients</Link>
      </p>
    </>
  );
}
