'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { CheckGroup } from '@/components/form/CheckGroup';
import { CodeSelect } from '@/components/form/CodeSelect';
import { Field, FormAlert } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { useSave } from '@/components/form/use-save';
import { ANTIBODIES, DM_SUBTYPES, JAKI_DRUGS, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, label } from '@/lib/codes';
import { todayIso } from '@/lib/dates';
import { newRequestKey } from '@/lib/request-key';
import { patientEditSchema, patientSchema, type PatientEditFormValues, type PatientFormValues } from '@/lib/schemas/patient';
import { createPatientAction, updatePatientAction } from './actions';

type Option = { id: string; code: string; name: string };
type Choices = { sites: Option[]; cohorts: Option[] };
type Name = keyof PatientFormValues;

export function NewPatientForm({ sites, cohorts, defaultValues }: Choices & { defaultValues: PatientFormValues }) {
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const form = useForm<z.input<typeof patientSchema>, unknown, z.output<typeof patientSchema>>({ resolver: zodResolver(patientSchema), defaultValues });
  const { message, onSubmit } = useSave(form, (values) => createPatientAction(values, requestKey), (id) => `/patients/${id}`);
  return (
    <PatientFields
      sites={sites}
      cohorts={cohorts}
      register={(name) => form.register(name)}
      errors={form.formState.errors}
      title="New patient"
      message={message}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
      submitLabel="Create patient"
    />
  );
}

export function EditPatientForm({ patientId, sites, cohorts, defaultValues }: Choices & { patientId: string; defaultValues: PatientEditFormValues }) {
  const form = useForm<z.input<typeof patientEditSchema>, unknown, z.output<typeof patientEditSchema>>({ resolver: zodResolver(patientEditSchema), defaultValues });
  const { message, onSubmit } = useSave(form, (values) => updatePatientAction(patientId, values), (id) => `/patients/${id}`);
  const { errors, isSubmitting } = form.formState;
  return (
    <PatientFields
      sites={sites}
      cohorts={cohorts}
      register={(name) => form.register(name)}
      errors={errors}
      title="Edit patient"
      message={message}
      onSubmit={onSubmit}
      reason={() => <ReasonField error={errors.reason?.message} registration={form.register('reason')} />}
      submitting={isSubmitting}
      submitLabel="Save changes"
    />
  );
}

/** The patient's fields, the same in both forms; the edit form adds the reason for the change. */
function PatientFields({
  sites,
  cohorts,
  register,
  errors,
  title,
  message,
  onSubmit,
  reason,
  submitting,
  submitLabel,
}: Choices & {
  register: (name: Name) => UseFormRegisterReturn;
  errors: FieldErrors<PatientFormValues>;
  title: string;
  message: string | null;
  onSubmit: () => void;
  /** The edit form's reason field: rendered last, so registered (and focused on a refused submit) after the others. */
  reason?: () => ReactNode;
  submitting: boolean;
  submitLabel: string;
}) {
  const today = todayIso();
  const text = (name: Name, title: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} {...props} {...register(name)} />}
    </Field>
  );
  const select = (name: Name, title: string, codes: readonly string[], blank = '—') => (
    <CodeSelect name={name} title={title} codes={codes} blank={blank} error={errors[name]?.message} register={() => register(name)} />
  );
  const checks = (name: 'antibodies' | 'previousTreatments', legend: string, codes: readonly string[]) => (
    <CheckGroup
      name={name}
      legend={legend}
      options={codes.map((c) => ({ value: c, label: label(c) }))}
      error={errors[name]?.message}
      register={register(name)}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={title}>
      <FormAlert message={message} />
      <fieldset>
        <legend>Identity (pseudonymous: no names)</legend>
        <div className="grid">
          {text('code', 'Patient code', { autoFocus: true, autoComplete: 'off' }, 'e.g. NRD-021')}
          <Field name="siteId" label="Site" error={errors.siteId?.message}>
            {(a11y) => (
              <select {...a11y} {...register('siteId')}>
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
              <select {...a11y} {...register('cohortId')}>
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
          {text('diagnosisDate', 'Diagnosis date', { type: 'date', max: today })}
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
          {text('jakiStartDate', 'Start date', { type: 'date', max: today })}
          {text('jakiStopDate', 'Stop date', { type: 'date', max: today })}
          {select('jakiStopReason', 'Stop reason', JAKI_STOP_REASONS)}
        </div>
      </fieldset>
      <fieldset>
        <legend>Death</legend>
        <div className="grid">
          {text('deathDate', 'Death date', { type: 'date', max: today })}
          {text('deathCause', 'Cause of death', { autoComplete: 'off', maxLength: 200 })}
        </div>
      </fieldset>
      {reason?.()}
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
