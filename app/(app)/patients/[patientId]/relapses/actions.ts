'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createRelapse, updateRelapse } from '@/db/queries/relapses';
import { voidRelapse } from '@/db/queries/void';
import { invalid, runAction } from '@/lib/actions';
import { requireClinicalWriter } from '@/lib/auth/session';
import type { ActionResult } from '@/lib/errors';
import { requestKeySchema } from '@/lib/request-key';
import { relapseEditSchema, relapseSchema } from '@/lib/schemas/relapse';
import { voidSchema } from '@/lib/schemas/void';

export async function createRelapseAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = relapseSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const key = requestKeySchema.safeParse(requestKey);
    if (!key.success) return invalid(key.error);
    const id = await createRelapse(await getDb(), { actorId: access.userId, siteIds: access.siteIds, patientId, input: parsed.data, requestKey: key.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id };
  });
}

export async function updateRelapseAction(relapseId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = relapseEditSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { reason, version, ...input } = parsed.data;
    const { patientId } = await updateRelapse(await getDb(), { actorId: access.userId, siteIds: access.siteIds, relapseId, version, reason, input });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: relapseId };
  });
}

export async function voidRelapseAction(relapseId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = voidSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { patientId } = await voidRelapse(await getDb(), { actorId: access.userId, siteIds: access.siteIds, id: relapseId, ...parsed.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: relapseId };
  });
}
