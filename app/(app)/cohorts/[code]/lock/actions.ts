'use server';

import { setCohortLock } from '@/db/queries/cohort-lock';
import { canLockCohort } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { cohortLockSchema } from '@/lib/schemas/cohort-lock';
import { serverAction } from '@/server/action';

const LOCKERS = {
  allows: canLockCohort,
  signedOut: 'Your session has ended: sign in again. Nothing was changed.',
  refused: 'Only coordinators and admins lock and unlock cohorts. Nothing was changed.',
};

export async function setCohortLockAction(cohortCode: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: LOCKERS, schema: cohortLockSchema, values }, async ({ db, scope, input }) => {
    await setCohortLock(db, { actorId: scope.actorId, cohortCode, locked: input.lock, reason: input.reason });
    return { id: cohortCode, revalidate: ['/cohorts', `/cohorts/${cohortCode}/report`, `/cohorts/${cohortCode}/lock`] };
  });
}
