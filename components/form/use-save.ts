'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/errors';
import { sendForm } from '@/lib/request-key';
import { useLeaveGuard } from './leave-guard';
import { useRefusal } from './refusal';

/**
 * Submits a record form through its server action once the form's schema accepts it: on
 * success, goes to `next(id)`; otherwise shows the action's message, puts each field's
 * message on its field, keeping what was typed, and takes the user to the problem
 * (./refusal.tsx). Until it is saved, leaving the page with changes typed asks first
 * (./leave-guard.ts). Spread `alert` into <FormAlert />.
 */
export function useSave<V extends FieldValues, T>(
  form: UseFormReturn<V, unknown, T>,
  save: (values: V) => Promise<ActionResult>,
  next: (id: string) => string,
) {
  const router = useRouter();
  const { refuse, clear, alert } = useRefusal(form.setError);
  const [saved, setSaved] = useState(false);
  useLeaveGuard(form.formState.isDirty && !saved);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result: ActionResult = await sendForm(() => save(form.getValues()));
    if (result.ok) {
      setSaved(true);
      router.push(next(result.id));
      router.refresh();
      return;
    }
    refuse(result);
  });
  return { alert, onSubmit };
}
