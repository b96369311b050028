import Link from 'next/link';

/**
 * A record's Edit (for those who may change it), History and, for those who raise queries, Query
 * links, in a table row; `name` says which record.
 */
export function RecordLinks({ base, name, writer, raiser = false }: { base: string; name: string; writer: boolean; raiser?: boolean }) {
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
      {raiser && (
        <>
          {' '}
          <Link href={`${base}/query`} aria-label={`Raise a query on ${name}`}>
            Query
          </Link>
        </>
      )}
    </>
  );
}
