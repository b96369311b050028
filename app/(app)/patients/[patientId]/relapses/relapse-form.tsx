'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { ReasonField } from '@/components/form/ReasonField';
import { RELAPSE_ACTIONS, RELAPSE_DOMAINS, label } from '@/lib/codes';
import type { ActionResult } from '@/lib/errors';
import { newRequestKey, sendForm } from '@/lib/request-key';
import { relapseEditSchema, relapseSchema, type RelapseEditFormValues, type RelapseInput } from '@/lib/schemas/relapse';
import { createRelapseAction, updateRelapseAction } from './actions';

type Mode = { kind: 'create'; patientId: string } | { kind: 'edit'; patientId: string; relapseId: string };

/** A relapse: its date, the domain that flared, and what was done. */
export function RelapseForm({ mode, defaultValues }: { mode: Mode; defaultValues: RelapseEditFormValues }) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const schema = mode.kind === 'edit' ? relapseEditSchema : relapseSchema;
  const form = useForm<RelapseEditFormValues, unknown, RelapseInput>({
    resolver: zodResolver(schema) as unknown as Resolver<RelapseEditFormValues, unknown, RelapseInput>,
    defaultValues,
  });
  const { register } = form;
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);

  const onSubmit = form.handleSubmit(async () => {
    clear();
    const values = form.getValues();
    const result: ActionResult = await sendForm(() =>
      mode.kind === 'edit' ? updateRelapseAction(mode.relapseId, values) : createRelapseAction(mode.patientId, values, requestKey),
    );
    if (result.ok) {
      router.push(`/patients/${mode.patientId}#relapses`);
      router.refresh();
      return;
    }
    refuse(result);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode.kind === 'edit' ? 'Edit relapse' : 'New relapse'}>
      <FormAlert {...alert} />
      <fieldset>
        <legend>Relapse</legend>
        <div className="grid">
          <Field name="relapseDate" label="Relapse date" error={errors.relapseDate?.message}>
            {(a11y) => <DateInput {...a11y} {...register('relapseDate')} />}
          </Field>
          <Field name="domain" label="Domain" error={errors.domain?.message} hint="Where the disease came back">
            {(a11y) => (
              <select {...a11y} autoFocus {...register('domain')}>
                <option value="">—</option>
                {RELAPSE_DOMAINS.map((d) => (
                  <option key={d} value={d}>
                    {label(d)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="action" label="Action taken" error={errors.action?.message}>
            {(a11y) => (
              <select {...a11y} {...register('action')}>
                <option value="">Not recorded</option>
                {RELAPSE_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {a === 'none' ? 'Nothing changed' : label(a)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p className="muted" style={{ marginTop: '0.5rem' }}>
          A relapse is a return of disease activity that led you to act. It is counted apart from adverse events of the drug.
        </p>
      </fieldset>
      {mode.kind === 'edit' && <ReasonField error={errors.reason?.message} registration={register('reason')} />}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save relapse'}
      </button>
    </form>
  );
}
