'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { adverseEventReviewSchema, type AdverseEventReviewInput } from '@/lib/schemas/adverse-event';
import { reviewAdverseEventAction } from './actions';
import { ClientForm } from '@/components/form/ClientForm';

type Values = z.input<typeof adverseEventReviewSchema>;

export function ReviewForm({ eventId, version }: { eventId: string; version: number }) {
  const router = useRouter();
  const form = useForm<Values, unknown, AdverseEventReviewInput>({ resolver: zodResolver(adverseEventReviewSchema), defaultValues: { comment: '', version } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await reviewAdverseEventAction(eventId, form.getValues());
    if (result.ok) {
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="Review adverse event" style={{ display: 'grid', gap: '0.6rem', maxWidth: 640 }}>
      <FormAlert {...alert} />
      <Field name="comment" label="Review comment" error={errors.comment?.message} hint="Kept with the review in the audit trail">
        {(a11y) => <textarea {...a11y} rows={3} {...form.register('comment')} />}
      </Field>
      <button type="submit" className="primary" disabled={isSubmitting} style={{ justifySelf: 'start' }}>
        {isSubmitting ? 'Saving…' : 'Mark reviewed'}
      </button>
    </ClientForm>
  );
}
