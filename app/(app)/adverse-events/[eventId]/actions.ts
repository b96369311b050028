'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { reviewAdverseEvent } from '@/db/queries/adverse-events';
import { invalid, runAction } from '@/server/action';
import { canReview } from '@/lib/auth/access';
import { getAccess } from '@/server/auth/session';
import { ForbiddenError, type ActionResult } from '@/lib/errors';
import { adverseEventReviewSchema } from '@/lib/schemas/adverse-event';

export async function reviewAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await getAccess();
    if (!access || !canReview(access.role)) throw new ForbiddenError('Only an auditor or an admin can review adverse events.');
    const parsed = adverseEventReviewSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    await reviewAdverseEvent(await getDb(), { actorId: access.userId, siteIds: access.siteIds, eventId, ...parsed.data });
    revalidatePath('/adverse-events');
    revalidatePath(`/adverse-events/${eventId}`);
    return { ok: true, id: eventId };
  });
}
