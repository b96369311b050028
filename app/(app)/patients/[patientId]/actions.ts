'use server';

import { checkSignable, signRecord } from '@/db/queries/signatures';
import { verifyRecord } from '@/db/queries/verification';
import { canReview, canSign } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { signSchema } from '@/lib/schemas/signature';
import { verifySchema } from '@/lib/schemas/verification';
import { serverAction } from '@/server/action';
import { confirmPassword } from '@/server/auth/password';

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

const SIGNERS = {
  allows: canSign,
  signedOut: 'Your session has ended: sign in again. Nothing was signed.',
  refused: 'Only investigators sign records (clinicians or coordinators given the right by an admin). Nothing was signed.',
};

/**
 * An investigator signs a visit or a casebook (db/queries/signatures.ts). Who may sign what is
 * checked before the password, so that a refused record counts no failed password; then the
 * password (server/auth/password.ts); then the signature, checked again in its transaction.
 */
export async function signRecordAction(values: unknown): Promise<ActionResult> {
  return serverAction({ permit: SIGNERS, schema: signSchema, values }, async ({ db, access, scope, input }) => {
    await checkSignable(db, { ...scope, input });
    await confirmPassword(db, access, input.password);
    const { patientId, signatureId } = await signRecord(db, { ...scope, input });
    return { id: signatureId, revalidate: [`/patients/${patientId}`] };
  });
}
