'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createAdverseEvent, updateAdverseEvent } from '@/db/queries/adverse-events';
import { voidAdverseEvent } from '@/db/queries/void';
import { invalid, runAction } from '@/server/action';
import { requireClinicalWriter } from '@/server/auth/session';
import type { ActionResult } from '@/lib/errors';
import { requestKeySchema } from '@/lib/request-key';
import { adverseEventEditSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { voidSchema } from '@/lib/schemas/void';

export async function createAdverseEventAction(patientId: string, values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = adverseEventSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const key = requestKeySchema.safeParse(requestKey);
    if (!key.success) return invalid(key.error);
    const id = await createAdverseEvent(await getDb(), { actorId: access.userId, siteIds: access.siteIds, patientId, input: parsed.data, requestKey: key.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id };
  });
}

export async function updateAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = adverseEventEditSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { reason, version, ...input } = parsed.data;
    const { patientId } = await updateAdverseEvent(await getDb(), { actorId: access.userId, siteIds: access.siteIds, eventId, version, reason, input });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: eventId };
  });
}

export async function voidAdverseEventAction(eventId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = voidSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { patientId } = await voidAdverseEvent(await getDb(), { actorId: access.userId, siteIds: access.siteIds, id: eventId, ...parsed.data });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: eventId };
  });
}
