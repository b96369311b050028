import Link from 'next/link';

/** A record's Edit (for those who may change it) and History links, in a table row; `name` says which record. */
export function RecordLinks({ base, name, writer }: { base: string; name: string; writer: boolean }) {
  return (
    <>
      {writer && (
        <>
          <Link href={`${base}/edit`} aria-label={`Edit ${name}`}>
            Edit
          </Link>{' '}
        </>
      )}
      <Link href={`${base}/history`} aria-label={`History of ${name}`}>
        History
      </Link>
    </>
  );
}
