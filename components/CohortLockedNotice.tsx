import Link from 'next/link';

export type LockedCohort = { cohortCode: string; lockedAt: Date };

/**
 * What a locked cohort's patient pages say, and what its pages that write say in place of
 * their form: opened by its address, a form would take the typing and refuse it at the save.
 */
export function CohortLockedNotice({ lock, patientHref }: { lock: LockedCohort; patientHref?: string }) {
  return (
    <p className="alert warn" role="status">
      Cohort {lock.cohortCode} is locked for analysis since {lock.lockedAt.toISOString().slice(0, 10)}: this patient&apos;s records cannot be changed until a
      coordinator unlocks it.
      {patientHref && (
        <>
          {' '}
          <Link href={patientHref}>Back to the patient</Link>
        </>
      )}
    </p>
  );
}
