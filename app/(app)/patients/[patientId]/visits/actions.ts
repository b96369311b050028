'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createVisit, updateVisit } from '@/db/queries/visits';
import { voidVisit } from '@/db/queries/void';
import { invalid, runAction } from '@/server/action';
import { requireClinicalWriter } from '@/server/auth/session';
import type { ActionResult } from '@/lib/errors';
import { requestKeySchema } from '@/lib/request-key';
import { voidSchema } from '@/lib/schemas/void';
import { visitEditSchema, visitSchema } from '@/lib/schemas/visit';

export async function createVisitAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = visitSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const key = requestKeySchema.safeParse(requestKey);
    if (!key.success) return invalid(key.error);
    const id = await createVisit(await getDb(), { actorId: access.userId, siteIds: access.siteIds, patientId, input: parsed.data, requestKey: key.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id };
  });
}

export async function updateVisitAction(visitId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = visitEditSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { reason, version, ...input } = parsed.data;
    const { patientId } = await updateVisit(await getDb(), {
      actorId: access.userId,
      siteIds: access.siteIds,
      visitId,
      version,
      reason,
      input,
    });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: visitId };
  });
}

export async function voidVisitAction(visitId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = voidSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { patientId } = await voidVisit(await getDb(), { actorId: access.userId, siteIds: access.siteIds, id: visitId, ...parsed.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: visitId };
  });
}
