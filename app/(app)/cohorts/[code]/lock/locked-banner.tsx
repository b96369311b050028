import type { CohortLock } from '@/db/queries/cohort-lock';

/** "Locked on … by …", wherever the cohort is shown. */
export function LockedBanner({ lock }: { lock: CohortLock }) {
  return (
    <p className="alert warn">
      <strong>Locked for analysis</strong> on {lock.lockedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC by {lock.lockedByName}: {lock.reason}
    </p>
  );
}
