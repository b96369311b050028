'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode, type RefObject } from 'react';
import { useForm, useWatch, type FieldErrors, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { CodeSelect } from '@/components/form/CodeSelect';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { FormAlert, type Refusal } from '@/components/form/refusal';
import { ReasonField } from '@/components/form/ReasonField';
import { useSave } from '@/components/form/use-save';
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, AE_SPECIAL_INTEREST, SERIOUSNESS_CRITERIA, label } from '@/lib/codes';
import { CTCAE_GRADES } from '@/lib/adverse-events/fields';
import { newRequestKey } from '@/lib/request-key';
import {
  adverseEventEditSchema,
  adverseEventSchema,
  isSerious,
  type AdverseEventEditFormValues,
  type AdverseEventFormValues,
} from '@/lib/schemas/adverse-event';
import { createAdverseEventAction, updateAdverseEventAction } from './actions';
import { ClientForm } from '@/components/form/ClientForm';

type Name = keyof AdverseEventFormValues;
/** What the form shows as it is filled in: the seriousness, special interest and a death's date follow from these. */
type Watched = Partial<Record<'category' | 'ctcaeGrade' | (typeof SERIOUSNESS_CRITERIA)[number]['key'], unknown>>;

/** What the form needs to know of the patient: a grade 5 event records the death, and may stop the JAK inhibitor. */
type PatientCourse = { patientDeathDate: string | null; patientJakiStopped: boolean };

export function NewAdverseEventForm({
  patientId,
  defaultValues,
  ...course
}: {
  patientId: string;
  defaultValues: AdverseEventFormValues;
} & PatientCourse) {
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const form = useForm<z.input<typeof adverseEventSchema>, unknown, z.output<typeof adverseEventSchema>>({
    resolver: zodResolver(adverseEventSchema),
    defaultValues,
  });
  const watched = useWatch({ control: form.control });
  const { alert, onSubmit } = useSave(form, (values) => createAdverseEventAction(patientId, values, requestKey), () => `/patients/${patientId}#adverse-events`);
  return (
    <AdverseEventFields
      register={(name) => form.register(name)}
      errors={form.formState.errors}
      watched={watched}
      {...course}
      title="New adverse event"
      alert={alert}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
    />
  );
}

export function EditAdverseEventForm({
  patientId,
  eventId,
  defaultValues,
  answering,
  ...course
}: {
  patientId: string;
  eventId: string;
  defaultValues: AdverseEventEditFormValues;
  /** The query this edit answers. */
  answering?: string | null;
} & PatientCourse) {
  const form = useForm<z.input<typeof adverseEventEditSchema>, unknown, z.output<typeof adverseEventEditSchema>>({
    resolver: zodResolver(adverseEventEditSchema),
    defaultValues,
  });
  const watched = useWatch({ control: form.control });
  const { alert, onSubmit } = useSave(
    form,
    (values) => updateAdverseEventAction(eventId, values, answering ?? undefined),
    () => (answering ? `/queries/${answering}` : `/patients/${patientId}#adverse-events`),
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <AdverseEventFields
      register={(name) => form.register(name)}
      errors={errors}
      watched={watched}
      {...course}
      title="Edit adverse event"
      alert={alert}
      onSubmit={onSubmit}
      reason={() => <ReasonField error={errors.reason?.message} input={form.register('reason')} />}
      submitting={isSubmitting}
    />
  );
}

/** The event's fields, the same in both forms; the edit form adds the reason for the change. */
function AdverseEventFields({
  register,
  errors,
  watched,
  patientDeathDate,
  patientJakiStopped,
  title,
  alert,
  onSubmit,
  reason,
  submitting,
}: PatientCourse & {
  register: (name: Name) => UseFormRegisterReturn;
  errors: FieldErrors<AdverseEventFormValues>;
  watched: Watched;
  title: string;
  alert: { refusal: Refusal | null; alertRef: RefObject<HTMLDivElement | null> };
  onSubmit: () => void;
  /** The edit form's reason field: rendered last, so registered (and focused on a refused submit) after the others. */
  reason?: () => ReactNode;
  submitting: boolean;
}) {
  const serious = isSerious(Object.fromEntries(SERIOUSNESS_CRITERIA.map((c) => [c.key, watched[c.key] === true])));
  const special = AE_SPECIAL_INTEREST.includes(watched.category as (typeof AE_SPECIAL_INTEREST)[number]);
  const grade5 = String(watched.ctcaeGrade) === '5';

  const select = (name: Name, title: string, codes: readonly string[], blank = 'Not recorded') => (
    <CodeSelect name={name} title={title} codes={codes} blank={blank} error={errors[name]?.message} register={() => register(name)} />
  );

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={title}>
      <FormAlert {...alert} />
      <fieldset>
        <legend>Event</legend>
        <div className="grid">
          <Field name="term" label="Verbatim term" error={errors.term?.message} hint="As the clinician wrote it, at most 200 characters">
            {(a11y) => <input {...a11y} autoFocus autoComplete="off" maxLength={200} {...register('term')} />}
          </Field>
          {select('category', 'Category', AE_CATEGORIES, '—')}
          <Field name="onsetDate" label="Onset date" error={errors.onsetDate?.message}>
            {(a11y) => <DateInput {...a11y} {...register('onsetDate')} />}
          </Field>
          <Field name="endDate" label="End date" error={errors.endDate?.message}>
            {(a11y) => <DateInput {...a11y} {...register('endDate')} />}
          </Field>
          <div className="field" style={{ justifyContent: 'center' }}>
            <label style={{ fontWeight: 400 }}>
              <input type="checkbox" {...register('ongoing')} aria-invalid={Boolean(errors.ongoing)} aria-describedby={errors.ongoing ? 'f-ongoing-error' : undefined} /> Ongoing
            </label>
            <span className="error" id="f-ongoing-error" aria-live="polite">
              {errors.ongoing?.message}
            </span>
          </div>
          <Field name="ctcaeGrade" label="CTCAE grade" error={errors.ctcaeGrade?.message}>
            {(a11y) => (
              <select {...a11y} {...register('ctcaeGrade')}>
                <option value="">—</option>
                {CTCAE_GRADES.map((g) => (
                  <option key={g.value} value={g.value}>
                    {g.text}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {special && (
          <p role="status" style={{ marginTop: '0.6rem' }}>
            <span className="badge warn">Special interest</span> {label(String(watched.category))} is an adverse event of special interest for JAK
            inhibitors.
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Seriousness (ICH E2A)</legend>
        <div className="checks">
          {SERIOUSNESS_CRITERIA.map((c) => (
            <label key={c.key}>
              <input type="checkbox" {...register(c.key)} aria-invalid={Boolean(errors[c.key])} aria-describedby={errors[c.key] ? `f-${c.key}-error` : undefined} /> {c.label}
            </label>
          ))}
        </div>
        {SERIOUSNESS_CRITERIA.map((c) =>
          errors[c.key] ? (
            <span key={c.key} className="error" id={`f-${c.key}-error`} style={{ display: 'block' }}>
              {errors[c.key]?.message}
            </span>
          ) : null,
        )}
        <p style={{ marginTop: '0.5rem' }} aria-live="polite">
          Serious: <strong>{serious ? 'yes' : 'no'}</strong> <span className="muted">(follows from the criteria)</span>
        </p>
      </fieldset>
      <fieldset>
        <legend>Relation to the JAK inhibitor and outcome</legend>
        <div className="grid">
          {select('related', 'Relatedness to the JAK inhibitor', AE_RELATEDNESS)}
          {select('action', 'Action with the JAK inhibitor', AE_ACTIONS)}
          {select('outcome', 'Outcome', AE_OUTCOMES)}
          {grade5 && !patientDeathDate && (
            <Field name="deathDate" label="Patient's death date" error={errors.deathDate?.message} hint="A grade 5 event records the death on the patient">
              {(a11y) => <DateInput {...a11y} {...register('deathDate')} />}
            </Field>
          )}
          {grade5 && !patientDeathDate && !patientJakiStopped && (
            <div className="field" style={{ justifyContent: 'center' }}>
              <label style={{ fontWeight: 400 }}>
                <input type="checkbox" {...register('stopJakiAtDeath')} /> Stop the JAK inhibitor on the death date (reason: death)
              </label>
            </div>
          )}
        </div>
      </fieldset>
      {reason?.()}
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? 'Saving…' : 'Save adverse event'}
      </button>
    </ClientForm>
  );
}
