'use server';

import { reviewAdverseEvent } from '@/db/queries/adverse-events';
import { canReview } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { adverseEventReviewSchema } from '@/lib/schemas/adverse-event';
import { serverAction } from '@/server/action';

const REVIEWERS = { allows: canReview, refused: 'Only an auditor or an admin can review adverse events.' };

export async function reviewAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: REVIEWERS, schema: adverseEventReviewSchema, values }, async ({ db, scope, input }) => {
    await reviewAdverseEvent(db, { ...scope, eventId, ...input });
    return { id: eventId, revalidate: ['/adverse-events', `/adverse-events/${eventId}`] };
  });
}
