'use server';

import { verifyRecord } from '@/db/queries/verification';
import { canReview } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { verifySchema } from '@/lib/schemas/verification';
import { serverAction } from '@/server/action';

const VERIFIERS = {
  allows: canReview,
  signedOut: 'Your session has ended: sign in again. Nothing was marked.',
  refused: 'Only auditors and admins verify records against the source. Nothing was marked.',
};

/** An auditor marks a visit, adverse event or relapse verified against the source (db/queries/verification.ts). */
export async function verifyRecordAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: VERIFIERS, schema: verifySchema, values }, async ({ db, scope, input }) => {
    const { patientId } = await verifyRecord(db, { actorId: scope.actorId, siteIds: scope.siteIds, input });
    return { id: input.id, revalidate: [`/patients/${patientId}`, '/patients'] };
  });
}
