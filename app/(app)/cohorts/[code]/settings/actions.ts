'use server';

import { updateCohortSettings } from '@/db/queries/cohort-settings';
import { canChangeReportSettings } from '@/lib/auth/access';
import type { ActionResult } from '@/lib/errors';
import { reportSettingsSchema } from '@/lib/schemas/report-settings';
import { serverAction } from '@/server/action';

const SETTINGS_EDITORS = {
  allows: canChangeReportSettings,
  signedOut: 'Your session has ended: sign in again. Nothing was saved.',
  refused: 'Only coordinators and admins change report settings. Nothing was saved.',
};

export async function saveReportSettingsAction(cohortCode: string, values: unknown): Promise<ActionResult> {
  return serverAction({ permit: SETTINGS_EDITORS, schema: reportSettingsSchema, values }, async ({ db, scope, input }) => {
    await updateCohortSettings(db, { actorId: scope.actorId, cohortCode, ...input });
    return { id: cohortCode, revalidate: [`/cohorts/${cohortCode}/report`, `/cohorts/${cohortCode}/settings`] };
  });
}
