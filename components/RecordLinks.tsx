import Link from 'next/link';

/**
 * A record's Edit (for those who may change it), History and, for those who raise queries, Query
 * links, in a table row; `name` says which record.
 */
export function RecordLinks({ base, name, writer, raiseQuery }: { base: string; name: string; writer: boolean; raiseQuery?: string }) {
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
      {raiseQuery && (
        <>
          {' '}
          <Link href={raiseQuery} aria-label={`Raise a query on ${name}`}>
            Query
          </Link>
        </>
      )}
    </>
  );
}
