'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode, type RefObject } from 'react';
import { useForm, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert, type Refusal } from '@/components/form/refusal';
import { useSave } from '@/components/form/use-save';
import { RELAPSE_ACTIONS, RELAPSE_DOMAINS, label } from '@/lib/codes';
import { newRequestKey } from '@/lib/request-key';
import { relapseEditSchema, relapseSchema, type RelapseEditFormValues, type RelapseFormValues } from '@/lib/schemas/relapse';
import { createRelapseAction, updateRelapseAction } from './actions';
import { ClientForm } from '@/components/form/ClientForm';

type Name = keyof RelapseFormValues;

export function NewRelapseForm({ patientId, defaultValues }: { patientId: string; defaultValues: RelapseFormValues }) {
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const form = useForm<z.input<typeof relapseSchema>, unknown, z.output<typeof relapseSchema>>({ resolver: zodResolver(relapseSchema), defaultValues });
  const { alert, onSubmit } = useSave(form, (values) => createRelapseAction(patientId, values, requestKey), () => `/patients/${patientId}#relapses`);
  return (
    <RelapseFields
      register={(name) => form.register(name)}
      errors={form.formState.errors}
      title="New relapse"
      alert={alert}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
    />
  );
}

export function EditRelapseForm({
  patientId,
  relapseId,
  defaultValues,
  answering,
}: {
  patientId: string;
  relapseId: string;
  defaultValues: RelapseEditFormValues;
  /** The query this edit answers. */
  answering?: string | null;
}) {
  const form = useForm<z.input<typeof relapseEditSchema>, unknown, z.output<typeof relapseEditSchema>>({ resolver: zodResolver(relapseEditSchema), defaultValues });
  const { alert, onSubmit } = useSave(
    form,
    (values) => updateRelapseAction(relapseId, values, answering ?? undefined),
    () => (answering ? `/queries/${answering}` : `/patients/${patientId}#relapses`),
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <RelapseFields
      register={(name) => form.register(name)}
      errors={errors}
      title="Edit relapse"
      alert={alert}
      onSubmit={onSubmit}
      reason={() => <ReasonField error={errors.reason?.message} input={form.register('reason')} />}
      submitting={isSubmitting}
    />
  );
}

/** A relapse: its date, the domain that flared, and what was done; the edit form adds the reason for the change. */
function RelapseFields({
  register,
  errors,
  title,
  alert,
  onSubmit,
  reason,
  submitting,
}: {
  register: (name: Name) => UseFormRegisterReturn;
  errors: FieldErrors<RelapseFormValues>;
  title: string;
  alert: { refusal: Refusal | null; alertRef: RefObject<HTMLDivElement | null> };
  onSubmit: () => void;
  reason?: () => ReactNode;
  submitting: boolean;
}) {
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={title}>
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
      {reason?.()}
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? 'Saving…' : 'Save relapse'}
      </button>
    </ClientForm>
  );
}
