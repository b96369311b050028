import 'server-only';
import { eq } from 'drizzle-orm';
import type { ReportSettings } from '@/lib/cohort/windows';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { storedReportSettings } from '@/lib/schemas/report-settings';
import { writeAudit } from '../audit';
import type { Db } from '../client';
import { cohorts } from '../schema';

// A cohort's report settings. Cohorts are shared by every site (each site's report reads
// them), so the settings are the cohort's, changed by a coordinator or an admin with a reason.

export type CohortSettings = { cohortId: string; code: string; settings: ReportSettings; version: number; changed: boolean };

export async function getCohortSettings(db: Db, cohortCode: string): Promise<CohortSettings | null> {
  if (cohortCode.includes('\u0000')) return null;
  const [row] = await db.select().from(cohorts).where(eq(cohorts.code, cohortCode));
  if (!row) return null;
  return { cohortId: row.id, code: row.code, settings: storedReportSettings(row.reportSettings), version: row.version, changed: row.reportSettings !== null };
}

/**
 * Saves the settings if the cohort is still at `version`, with an audit entry holding the
 * settings before and after and the reason. The entry changes the data version, so every
 * cached report of the cohort is computed again.
 */
export async function updateCohortSettings(
  db: Db,
  { actorId, cohortCode, version, reason, settings }: { actorId: string; cohortCode: string; version: number; reason: string; settings: ReportSettings },
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(cohorts).where(eq(cohorts.code, cohortCode)).for('update');
    if (!row) throw new NotFoundError('Cohort not found.');
    if (row.version !== version) throw new ConflictError('The report settings were changed by someone else after you opened them. Reload to see theirs; yours were not saved.');
    const [saved] = await tx.update(cohorts).set({ reportSettings: settings, version: version + 1 }).where(eq(cohorts.id, row.id)).returning();
    await writeAudit(tx, {
      actorId,
      action: 'update',
      entity: 'cohort',
      entityId: row.id,
      before: { reportSettings: storedReportSettings(row.reportSettings), version: row.version },
      after: { reportSettings: settings, version: saved!.version },
      reason,
    });
    return { version: saved!.version };
  });
}
