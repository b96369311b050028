'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { Field, FormAlert } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { CdasiFieldset } from '@/components/instruments/CdasiFieldset';
import { Mmt8Fieldset } from '@/components/instruments/Mmt8Fieldset';
import { todayIso } from '@/lib/dates';
import type { ActionResult } from '@/lib/errors';
import { newRequestKey, sendForm } from '@/lib/request-key';
import { visitEditSchema, visitSchema, type VisitEditFormValues, type VisitInput } from '@/lib/schemas/visit';
import { createVisitAction, updateVisitAction } from './actions';

type Mode = { kind: 'create'; patientId: string } | { kind: 'edit'; patientId: string; visitId: string };
type Name = keyof VisitEditFormValues;

export function VisitForm({ mode, defaultValues }: { mode: Mode; defaultValues: VisitEditFormValues }) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const [message, setMessage] = useState<string | null>(null);
  const schema = mode.kind === 'edit' ? visitEditSchema : visitSchema;
  const form = useForm<VisitEditFormValues, unknown, VisitInput>({
    resolver: zodResolver(schema) as unknown as Resolver<VisitEditFormValues, unknown, VisitInput>,
    defaultValues,
  });
  const { register, control } = form;
  const { errors, isSubmitting } = form.formState;

  const ivig = useWatch({ control, name: 'ivig' });

  const onSubmit = form.handleSubmit(async () => {
    setMessage(null);
    const values = form.getValues();
    const result: ActionResult = await sendForm(() =>
      mode.kind === 'edit' ? updateVisitAction(mode.visitId, values) : createVisitAction(mode.patientId, values, requestKey),
    );
    if (result.ok) {
      // After a new follow-up, the patient page offers to record an adverse event.
      const followUp = mode.kind === 'create' && values.visitType === 'follow_up';
      router.push(`/patients/${mode.patientId}${followUp ? '?saved=follow_up' : ''}`);
      router.refresh();
      return;
    }
    setMessage(result.message);
    for (const [name, text] of Object.entries(result.fieldErrors ?? {})) form.setError(name as Name, { message: text });
  });

  const num = (name: Name, title: string, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} inputMode="decimal" autoComplete="off" {...register(name)} />}
    </Field>
  );
  const yesNo = (name: Name, title: string) => (
    <Field name={name} label={title} error={errors[name]?.message}>
      {(a11y) => (
        <select {...a11y} {...register(name)}>
          <option value="">Not recorded</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      )}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode.kind === 'edit' ? 'Edit visit' : 'New visit'}>
      <FormAlert message={message} />
      <fieldset>
        <legend>Visit</legend>
        <div className="grid">
          <Field name="visitDate" label="Visit date" error={errors.visitDate?.message}>
            {(a11y) => <input {...a11y} type="date" max={todayIso()} {...register('visitDate')} />}
          </Field>
          <Field name="visitType" label="Visit type" error={errors.visitType?.message}>
            {(a11y) => (
              <select {...a11y} {...register('visitType')}>
                <option value="baseline">Baseline</option>
                <option value="follow_up">Follow-up</option>
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <CdasiFieldset form={form} />
      <Mmt8Fieldset form={form} />

      <fieldset>
        <legend>Treatment and activity</legend>
        <div className="grid">
          {num('prednisoneMgDay', 'Prednisone (mg/day)', 'Prednisone-equivalent')}
          {num('jakiDoseMgDay', 'JAK inhibitor dose (mg/day)')}
          <Field name="ivig" label="IVIG" error={errors.ivig?.message}>
            {(a11y) => (
              <select {...a11y} {...register('ivig')}>
                <option value="">Not recorded</option>
                <option value="none">None</option>
                <option value="ongoing">Ongoing</option>
                <option value="stopped">Stopped</option>
              </select>
            )}
          </Field>
          {ivig === 'ongoing' && num('ivigDoseGKg', 'IVIG dose (g/kg)', 'Usually 2')}
          {ivig === 'ongoing' && num('ivigIntervalWeeks', 'IVIG interval (weeks)', 'Usually 4')}
          {yesNo('activeCutaneous', 'Active cutaneous disease')}
          {yesNo('activeMuscle', 'Active muscle disease')}
        </div>
      </fieldset>

      <fieldset>
        <legend>IMACS core set (optional)</legend>
        <div className="grid">
          {num('physicianGlobal', 'Physician global activity', '0–10')}
          {num('patientGlobal', 'Patient global activity', '0–10')}
          {num('extramuscularGlobal', 'Extramuscular global activity', '0–10')}
          {num('haq', 'HAQ disability index', '0–3')}
          {num('ckUL', 'CK (U/L)')}
        </div>
      </fieldset>

      {mode.kind === 'edit' && <ReasonField error={errors.reason?.message} registration={register('reason')} />}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save visit'}
      </button>
    </form>
  );
}
