'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { cohortLockSchema, type CohortLockInput } from '@/lib/schemas/cohort-lock';
import { setCohortLockAction } from './actions';

/** Locks an open cohort or unlocks a locked one; either way with a reason for the audit trail. */
export function CohortLockForm({ cohortCode, locked }: { cohortCode: string; locked: boolean }) {
  const router = useRouter();
  const form = useForm<CohortLockInput>({ resolver: zodResolver(cohortLockSchema), defaultValues: { lock: !locked, reason: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const verb = locked ? 'Unlock' : 'Lock';
  const onSubmit = form.handleSubmit(async () => {
    clear();
    const result = await setCohortLockAction(cohortCode, form.getValues());
    if (result.ok) {
      router.push(`/cohorts/${encodeURIComponent(cohortCode)}/report`);
      router.refresh();
      return;
    }
    refuse(result);
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={`${verb} cohort`} className="panel" style={{ display: 'grid', gap: '0.6rem', maxWidth: 640 }}>
      <FormAlert {...alert} />
      <p className="muted" style={{ margin: 0 }}>
        {locked
          ? 'Unlocking lets every site change the records again; the lock and the unlock stay in the audit trail.'
          : 'Lock when the data are complete and cleaned, before the analysis reads them. Nothing is changed by the lock itself.'}
      </p>
      <Field name="reason" label={`Reason for ${locked ? 'unlocking' : 'locking'}`} error={errors.reason?.message} hint="Kept in the audit trail and shown on the report">
        {(a11y) => <textarea {...a11y} rows={2} {...form.register('reason')} />}
      </Field>
      <div>
        <button type="submit" className={locked ? undefined : 'primary'} disabled={isSubmitting}>
          {isSubmitting ? `${verb}ing…` : `${verb} cohort`}
        </button>
      </div>
    </ClientForm>
  );
}
