'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { CheckGroup } from '@/components/form/CheckGroup';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { ANTIBODIES, DM_SUBTYPES, JAKI_DRUGS, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, label } from '@/lib/codes';
import { isIsoDate } from '@/lib/dates';
import type { ActionResult } from '@/lib/errors';
import { newRequestKey, sendForm } from '@/lib/request-key';
import { patientEditSchema, patientSchema, type PatientEditFormValues, type PatientInput } from '@/lib/schemas/patient';
import { createPatientAction, updatePatientAction } from './actions';

type Option = { id: string; code: string; name: string };
type Mode = { kind: 'create' } | { kind: 'edit'; patientId: string };

export function PatientForm({
  mode,
  sites,
  cohorts,
  defaultValues,
}: {
  mode: Mode;
  sites: Option[];
  cohorts: Option[];
  defaultValues: PatientEditFormValues;
}) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const schema = mode.kind === 'edit' ? patientEditSchema : patientSchema;
  const form = useForm<PatientEditFormValues, unknown, PatientInput>({
    resolver: zodResolver(schema) as unknown as Resolver<PatientEditFormValues, unknown, PatientInput>,
    defaultValues,
  });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const [death, stop] = useWatch({ control: form.control, name: ['deathDate', 'jakiStopDate'] }).map((v) => String(v ?? '').trim());
  // Recording a death offers to stop the JAK inhibitor that day; nothing changes until the user says so.
  const offerStop = isIsoDate(death ?? '') && !stop;

  const onSubmit = form.handleSubmit(async () => {
    clear();
    const values = form.getValues();
    const result: ActionResult = await sendForm(() =>
      mode.kind === 'edit' ? updatePatientAction(mode.patientId, values) : createPatientAction(values, requestKey),
    );
    if (result.ok) {
      router.push(`/patients/${result.id}`);
      router.refresh();
      return;
    }
    refuse(result);
  });

  const text = (name: keyof PatientEditFormValues, title: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} {...props} {...form.register(name)} />}
    </Field>
  );
  const date = (name: keyof PatientEditFormValues, title: string, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <DateInput {...a11y} {...form.register(name)} />}
    </Field>
  );
  const select = (name: keyof PatientEditFormValues, title: string, codes: readonly string[], blank = '—') => (
    <Field name={name} label={title} error={errors[name]?.message}>
      {(a11y) => (
        <select {...a11y} {...form.register(name)}>
          <option value="">{blank}</option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {label(c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const checks = (name: 'antibodies' | 'previousTreatments', legend: string, codes: readonly string[]) => (
    <CheckGroup
      name={name}
      legend={legend}
      options={codes.map((c) => ({ value: c, label: label(c) }))}
      error={errors[name]?.message}
      register={form.register(name)}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode.kind === 'edit' ? 'Edit patient' : 'New patient'}>
      <FormAlert {...alert} />
      <fieldset>
        <legend>Identity (pseudonymous: no names)</legend>
        <div className="grid">
          {text('code', 'Patient code', { autoFocus: true, autoComplete: 'off' }, 'e.g. NRD-021')}
          <Field name="siteId" label="Site" error={errors.siteId?.message}>
            {(a11y) => (
              <select {...a11y} {...form.register('siteId')}>
                <option value="">—</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.code} · {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="cohortId" label="Cohort" error={errors.cohortId?.message}>
            {(a11y) => (
              <select {...a11y} {...form.register('cohortId')}>
                <option value="">—</option>
                {cohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.code} · {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {select('sex', 'Sex', ['F', 'M'])}
          {text('birthYear', 'Birth year', { inputMode: 'numeric', autoComplete: 'off' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Disease</legend>
        <div className="grid">
          {date('diagnosisDate', 'Diagnosis date')}
          {select('dmSubtype', 'DM subtype', DM_SUBTYPES)}
          {select('ild', 'Interstitial lung disease', ['yes', 'no'])}
        </div>
      </fieldset>
      {checks('antibodies', 'Myositis antibodies', ANTIBODIES)}
      {checks('previousTreatments', 'Previous treatments', PREVIOUS_TREATMENTS)}
      <fieldset>
        <legend>JAK-inhibitor course</legend>
        <div className="grid">
          {select('jakiDrug', 'JAK inhibitor', JAKI_DRUGS)}
          {text('jakiDoseMgDay', 'Dose (mg/day)', { inputMode: 'decimal', autoComplete: 'off' }, 'Total daily dose at start')}
          {date('jakiStartDate', 'Start date')}
          {date('jakiStopDate', 'Stop date')}
          {select('jakiStopReason', 'Stop reason', JAKI_STOP_REASONS)}
        </div>
      </fieldset>
      <fieldset>
        <legend>End of follow-up</legend>
        <div className="grid">
          <div>
            {date('deathDate', 'Death date')}
            {offerStop && (
              <div className="confirm" role="group" aria-label="Stop the JAK inhibitor at death">
                <p>The JAK inhibitor has no stop date. A death ends the treatment: stop it on {death}?</p>
                <div className="actions">
                  <button
                    type="button"
                    onClick={() => {
                      form.setValue('jakiStopDate', death, { shouldDirty: true });
                      form.setValue('jakiStopReason', 'death', { shouldDirty: true });
                    }}
                  >
                    Stop on {death} (reason: death)
                  </button>
                </div>
              </div>
            )}
          </div>
          {text('deathCause', 'Cause of death', { autoComplete: 'off', maxLength: 200 })}
          {date('followUpEndDate', 'Follow-up end date', 'Study closed, lost to follow-up or moved: no visit is due after it')}
        </div>
      </fieldset>
      {mode.kind === 'edit' && <ReasonField error={errors.reason?.message} registration={form.register('reason')} />}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : mode.kind === 'edit' ? 'Save changes' : 'Create patient'}
      </button>
    </form>
  );
}
