'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createPatient, updatePatient } from '@/db/queries/patients';
import { voidPatient } from '@/db/queries/void';
import { invalid, runAction } from '@/server/action';
import { requireClinicalWriter } from '@/server/auth/session';
import type { ActionResult } from '@/lib/errors';
import { requestKeySchema } from '@/lib/request-key';
import { voidSchema } from '@/lib/schemas/void';
import { patientEditSchema, patientSchema } from '@/lib/schemas/patient';

export async function createPatientAction(values: unknown, requestKey?: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = patientSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const key = requestKeySchema.safeParse(requestKey);
    if (!key.success) return invalid(key.error);
    const id = await createPatient(await getDb(), { actorId: access.userId, siteIds: access.siteIds, input: parsed.data, requestKey: key.data });
    revalidatePath('/patients');
    return { ok: true, id };
  });
}

export async function updatePatientAction(patientId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = patientEditSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    const { reason, version, ...input } = parsed.data;
    await updatePatient(await getDb(), { actorId: access.userId, siteIds: access.siteIds, patientId, version, reason, input });
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, id: patientId };
  });
}

export async function voidPatientAction(patientId: string, values: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const access = await requireClinicalWriter();
    const parsed = voidSchema.safeParse(values);
    if (!parsed.success) return invalid(parsed.error);
    await voidPatient(await getDb(), { actorId: access.userId, siteIds: access.siteIds, id: patientId, ...parsed.data });
    revalidatePath('/patients');
    return { ok: true, id: patientId };
  });
}
