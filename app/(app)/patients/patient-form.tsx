'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode, type RefObject } from 'react';
import { useForm, useWatch, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { CheckGroup } from '@/components/form/CheckGroup';
import { CodeSelect } from '@/components/form/CodeSelect';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { FormAlert, type Refusal } from '@/components/form/refusal';
import { ReasonField } from '@/components/form/ReasonField';
import { useSave } from '@/components/form/use-save';
import { ANTIBODIES, DM_SUBTYPES, JAKI_DRUGS, JAKI_STOP_REASONS, PREVIOUS_TREATMENTS, label } from '@/lib/codes';
import { isIsoDate } from '@/lib/dates';
import { newRequestKey } from '@/lib/request-key';
import { patientEditSchema, patientSchema, type PatientEditFormValues, type PatientFormValues } from '@/lib/schemas/patient';
import { createPatientAction, updatePatientAction } from './actions';
import { ClientForm } from '@/components/form/ClientForm';

type Option = { id: string; code: string; name: string };
type Choices = { sites: Option[]; cohorts: Option[] };
type Name = keyof PatientFormValues;

/**
 * Recording a death offers to stop the JAK inhibitor that day (reason: death), when no stop is
 * recorded; nothing changes until the user accepts.
 */
function stopAtDeathOffer(death: unknown, stop: unknown, stopOn: (date: string) => void) {
  const date = String(death ?? '').trim();
  if (!isIsoDate(date) || String(stop ?? '').trim()) return null;
  return { date, accept: () => stopOn(date) };
}

export function NewPatientForm({ sites, cohorts, defaultValues }: Choices & { defaultValues: PatientFormValues }) {
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const form = useForm<z.input<typeof patientSchema>, unknown, z.output<typeof patientSchema>>({ resolver: zodResolver(patientSchema), defaultValues });
  const { alert, onSubmit } = useSave(form, (values) => createPatientAction(values, requestKey), (id) => `/patients/${id}`);
  const [death, stop] = useWatch({ control: form.control, name: ['deathDate', 'jakiStopDate'] });
  const stopAtDeath = stopAtDeathOffer(death, stop, (date) => {
    form.setValue('jakiStopDate', date, { shouldDirty: true });
    form.setValue('jakiStopReason', 'death', { shouldDirty: true });
  });
  return (
    <PatientFields
      sites={sites}
      cohorts={cohorts}
      register={(name) => form.register(name)}
      errors={form.formState.errors}
      title="New patient"
      alert={alert}
      stopAtDeath={stopAtDeath}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
      submitLabel="Create patient"
    />
  );
}

export function EditPatientForm({
  patientId,
  sites,
  cohorts,
  defaultValues,
  answering,
}: Choices & { patientId: string; defaultValues: PatientEditFormValues; /** The query this edit answers. */ answering?: string | null }) {
  const form = useForm<z.input<typeof patientEditSchema>, unknown, z.output<typeof patientEditSchema>>({ resolver: zodResolver(patientEditSchema), defaultValues });
  const { alert, onSubmit } = useSave(
    form,
    (values) => updatePatientAction(patientId, values, answering ?? undefined),
    (id) => (answering ? `/queries/${answering}` : `/patients/${id}`),
  );
  const [death, stop] = useWatch({ control: form.control, name: ['deathDate', 'jakiStopDate'] });
  const stopAtDeath = stopAtDeathOffer(death, stop, (date) => {
    form.setValue('jakiStopDate', date, { shouldDirty: true });
    form.setValue('jakiStopReason', 'death', { shouldDirty: true });
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <PatientFields
      sites={sites}
      cohorts={cohorts}
      register={(name) => form.register(name)}
      errors={errors}
      title="Edit patient"
      alert={alert}
      stopAtDeath={stopAtDeath}
      onSubmit={onSubmit}
      reason={() => <ReasonField error={errors.reason?.message} input={form.register('reason')} />}
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
  alert,
  stopAtDeath,
  onSubmit,
  reason,
  submitting,
  submitLabel,
}: Choices & {
  register: (name: Name) => UseFormRegisterReturn;
  errors: FieldErrors<PatientFormValues>;
  title: string;
  alert: { refusal: Refusal | null; alertRef: RefObject<HTMLDivElement | null> };
  stopAtDeath: { date: string; accept: () => void } | null;
  onSubmit: () => void;
  /** The edit form's reason field: rendered last, so registered (and focused on a refused submit) after the others. */
  reason?: () => ReactNode;
  submitting: boolean;
  submitLabel: string;
}) {
  const text = (name: Name, title: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} {...props} {...register(name)} />}
    </Field>
  );
  const date = (name: Name, title: string, hint?: string) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <DateInput {...a11y} {...register(name)} />}
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
    <ClientForm onSubmit={onSubmit} noValidate aria-label={title}>
      <FormAlert {...alert} />
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
            {stopAtDeath && (
              <div className="confirm" role="group" aria-label="Stop the JAK inhibitor at death">
                <p>The JAK inhibitor has no stop date. A death ends the treatment: stop it on {stopAtDeath.date}?</p>
                <div className="actions">
                  <button type="button" onClick={stopAtDeath.accept}>
                    Stop on {stopAtDeath.date} (reason: death)
                  </button>
                </div>
              </div>
            )}
          </div>
          {text('deathCause', 'Cause of death', { autoComplete: 'off', maxLength: 200 })}
          {date('followUpEndDate', 'Follow-up end date', 'Study closed, lost to follow-up or moved: no visit is due after it')}
        </div>
      </fieldset>
      {reason?.()}
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? 'Saving…' : submitLabel}
      </button>
    </ClientForm>
  );
}
