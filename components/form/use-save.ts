'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/errors';
import { sendForm } from '@/lib/request-key';

/**
 * Submits a record form through its server action once the form's schema accepts it: on
 * success, goes to `next(id)`; otherwise shows the action's message and puts each field's
 * message on its field, keeping what was typed.
 */
export function useSave<V extends FieldValues, T>(
  form: UseFormReturn<V, unknown, T>,
  save: (values: V) => Promise<ActionResult>,
  next: (id: string) => string,
) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const result: ActionResult = await sendForm(() => save(form.getValues()));
    if (result.ok) {
      router.push(next(result.id));
      router.refresh();
      return;
    }
    setMessage(result.message);
    // The server names the fields as the schema does.
    for (const [name, text] of Object.entries(result.fieldErrors ?? {})) form.setError(name as FieldPath<V>, { message: text });
  });
  return { message, onSubmit };
}
