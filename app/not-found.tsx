import Link from 'next/link';

export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p className="muted">This page does not exist, or it is not one you have access to.</p>
      <p>
        <Link href="/patients">Back to patients</Link>
      </p>
    </main>
  );
}
