'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Field, FormAlert } from '@/components/form/Field';
import { adverseEventReviewSchema, type AdverseEventReviewInput } from '@/lib/schemas/adverse-event';
import { reviewAdverseEventAction } from './actions';

type Values = z.input<typeof adverseEventReviewSchema>;

export function ReviewForm({ eventId, version }: { eventId: string; version: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values, unknown, AdverseEventReviewInput>({ resolver: zodResolver(adverseEventReviewSchema), defaultValues: { comment: '', version } });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const result = await reviewAdverseEventAction(eventId, form.getValues());
    if (result.ok) {
      router.refresh();
      return;
    }
    setMessage(result.message);
    for (const [name, text] of Object.entries(result.fieldErrors ?? {})) form.setError(name as keyof Values, { message: text });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Review adverse event" style={{ display: 'grid', gap: '0.6rem', maxWidth: 640 }}>
      <FormAlert message={message} />
      <Field name="comment" label="Review comment" error={errors.comment?.message} hint="Kept with the review in the audit trail">
        {(a11y) => <textarea {...a11y} rows={3} {...form.register('comment')} />}
      </Field>
      <button type="submit" className="primary" disabled={isSubmitting} style={{ justifySelf: 'start' }}>
        {isSubmitting ? 'Saving…' : 'Mark reviewed'}
      </button>
    </form>
  );
}
