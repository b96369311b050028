'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, AE_SPECIAL_INTEREST, SERIOUSNESS_CRITERIA, label } from '@/lib/codes';
import type { ActionResult } from '@/lib/errors';
import { newRequestKey, sendForm } from '@/lib/request-key';
import {
  adverseEventEditSchema,
  adverseEventSchema,
  isSerious,
  type AdverseEventEditFormValues,
  type AdverseEventInput,
} from '@/lib/schemas/adverse-event';
import { createAdverseEventAction, updateAdverseEventAction } from './actions';

type Mode = { kind: 'create'; patientId: string } | { kind: 'edit'; patientId: string; eventId: string };
type Name = keyof AdverseEventEditFormValues;

const GRADES = [
  { value: '1', text: '1 · Mild' },
  { value: '2', text: '2 · Moderate' },
  { value: '3', text: '3 · Severe or hospitalisation' },
  { value: '4', text: '4 · Life-threatening' },
  { value: '5', text: '5 · Death' },
];

export function AdverseEventForm({
  mode,
  defaultValues,
  patientDeathDate,
  patientJakiStopped,
}: {
  mode: Mode;
  defaultValues: AdverseEventEditFormValues;
  patientDeathDate: string | null;
  /** Whether the patient's JAK inhibitor has a stop date: a death recorded here then offers none. */
  patientJakiStopped: boolean;
}) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const schema = mode.kind === 'edit' ? adverseEventEditSchema : adverseEventSchema;
  const form = useForm<AdverseEventEditFormValues, unknown, AdverseEventInput>({
    resolver: zodResolver(schema) as unknown as Resolver<AdverseEventEditFormValues, unknown, AdverseEventInput>,
    defaultValues,
  });
  const { register, control } = form;
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const watched = useWatch({ control });
  const serious = isSerious(Object.fromEntries(SERIOUSNESS_CRITERIA.map((c) => [c.key, watched[c.key] === true])));
  const special = AE_SPECIAL_INTEREST.includes(watched.category as (typeof AE_SPECIAL_INTEREST)[number]);
  const grade5 = String(watched.ctcaeGrade) === '5';

  const onSubmit = form.handleSubmit(async () => {
    clear();
    const values = form.getValues();
    const result: ActionResult = await sendForm(() =>
      mode.kind === 'edit' ? updateAdverseEventAction(mode.eventId, values) : createAdverseEventAction(mode.patientId, values, requestKey),
    );
    if (result.ok) {
      router.push(`/patients/${mode.patientId}#adverse-events`);
      router.refresh();
      return;
    }
    refuse(result);
  });

  const select = (name: Name, title: string, codes: readonly string[], blank = 'Not recorded') => (
    <Field name={name} label={title} error={errors[name]?.message}>
      {(a11y) => (
        <select {...a11y} {...register(name)}>
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

  return (
    <form onSubmit={onSubmit} noValidate aria-label={mode.kind === 'edit' ? 'Edit adverse event' : 'New adverse event'}>
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
                {GRADES.map((g) => (
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
      {mode.kind === 'edit' && <ReasonField error={errors.reason?.message} registration={register('reason')} />}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save adverse event'}
      </button>
    </form>
  );
}
