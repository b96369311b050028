'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { unlockSchema, type UnlockInput } from '@/lib/schemas/user';
import { unlockAccountAction } from '../actions';

/** Shown only while the account is locked: the admin ends the lock, giving a reason for the trail. */
export function UnlockForm({ userId, failures, lockedUntil }: { userId: string; failures: number; lockedUntil: string }) {
  const router = useRouter();
  const form = useForm<UnlockInput>({ resolver: zodResolver(unlockSchema), defaultValues: { reason: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await unlockAccountAction(userId, form.getValues());
    if (result.ok) {
      form.reset({ reason: '' });
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <section className="panel" aria-labelledby="lock" style={{ maxWidth: 720, marginBottom: '1rem', borderColor: 'var(--danger)' }}>
      <h2 id="lock">Locked</h2>
      <p>
        Locked after {failures} failed sign-ins until {lockedUntil.slice(11, 16)} UTC ({lockedUntil.slice(0, 10)}). Unlock only when you know the
        failures were the user&apos;s own, e.g. after speaking to them.
      </p>
      <ClientForm onSubmit={onSubmit} noValidate aria-label="Unlock account" style={{ display: 'grid', gap: '0.5rem' }}>
        <FormAlert {...alert} />
        <Field name="reason" label="Reason for unlocking" error={errors.reason?.message} hint="Kept in the audit trail">
          {(a11y) => <textarea {...a11y} rows={2} {...form.register('reason')} />}
        </Field>
        <button type="submit" disabled={isSubmitting} style={{ justifySelf: 'start' }}>
          {isSubmitting ? 'Unlocking…' : 'Unlock account'}
        </button>
      </ClientForm>
    </section>
  );
}
