'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { useLeaveGuard } from '@/components/form/leave-guard';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { CdasiFieldset } from '@/components/instruments/CdasiFieldset';
import { Mmt8Fieldset } from '@/components/instruments/Mmt8Fieldset';
import { addDays } from '@/lib/dates';
import type { ActionResult } from '@/lib/errors';
import { endedPhrase, followUpEnd } from '@/lib/patients/follow-up';
import { newRequestKey, sendForm } from '@/lib/request-key';
import { changeReason } from '@/lib/schemas/fields';
import { visitSchema, type VisitFormValues, type VisitInput } from '@/lib/schemas/visit';
import { VISIT_FIELDS, VISIT_GROUPS, visitField, type VisitField, type VisitGroup } from '@/lib/visits/fields';
import { previousText, previousVisit, signed } from '@/lib/visits/format';
import { recordsNoMeasure } from '@/lib/visits/no-measure';
import { BASELINE_WINDOW } from '@/lib/visits/rules';
import { createVisitAction, updateVisitAction } from './actions';
import { MeasureInput } from './measure-input';
import { GlucocorticoidFields, IvigFields } from './treatment-fields';
import type { VisitContext } from './visit-context';
import { ClientForm } from '@/components/form/ClientForm';

/** An edit sends the version the form was opened at and a reason beside the visit's values. */
type Mode = { kind: 'create'; patientId: string } | { kind: 'edit'; patientId: string; visitId: string; version: number; answering?: string | null };

/** Fields the form lays out itself: the instruments' totals and the treatments that depend on each other. */
const LAID_OUT = new Set(['cdasiActivity', 'cdasiDamage', 'mmt8', 'steroidDrug', 'steroidMgDay', 'prednisoneMgDay', 'ivig', 'ivigDoseGKg', 'ivigIntervalWeeks']);
/** Measures whose change from baseline is shown as they are typed. */
const FROM_BASELINE = new Set(['cdasiActivity', 'cdasiDamage', 'mmt8']);

const fieldsOf = (group: VisitGroup) => VISIT_FIELDS.filter((f: VisitField) => f.group === group && !LAID_OUT.has(f.key));

/**
 * The visit form, new or edit. Its values are the visit schema's; an edit's reason is kept
 * beside them (the calculators and treatment fields work on one form type for both), checked
 * here as the server checks it (lib/schemas/fields.ts changeReason).
 */
export function VisitForm({ mode, defaultValues, context }: { mode: Mode; defaultValues: VisitFormValues; context: VisitContext }) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const [noneConfirmed, setNoneConfirmed] = useState(false);
  // A new visit that records no measure is saved only once the user says so.
  const [askNoMeasure, setAskNoMeasure] = useState(false);
  const noMeasureRef = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const form = useForm<VisitFormValues, unknown, VisitInput>({ resolver: zodResolver(visitSchema), defaultValues });
  const { register, control } = form;
  const { errors, isSubmitting, isDirty } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  // Leaving with changes typed asks first (components/form/leave-guard.ts); the save's own
  // way to the patient page does not.
  useLeaveGuard(isDirty && !saved);

  useEffect(() => {
    if (askNoMeasure) noMeasureRef.current?.focus();
  }, [askNoMeasure]);

  const editing = mode.kind === 'edit' ? mode.visitId : undefined;
  const [visitDate, visitType, ...typed] = useWatch({ control, name: ['visitDate', 'visitType', 'cdasiActivity', 'cdasiDamage', 'mmt8'] });
  const date = String(visitDate ?? '');
  const previous = previousVisit(context.visits, date, editing);
  const baseline = context.visits.find((v) => v.visitType === 'baseline' && v.id !== editing) ?? null;
  const now = { cdasiActivity: typed[0], cdasiDamage: typed[1], mmt8: typed[2] } as Record<string, unknown>;
  const { patient } = context;
  const ended = followUpEnd(patient);

  /** The previous visit's value of a measure and, for the instruments, the change from baseline as typed. */
  const note = (key: string): string | null => {
    const field = visitField(key as never);
    const parts: string[] = [];
    const before = previous ? previousText(field, previous) : '—';
    if (before !== '—') parts.push(`previous ${before}`);
    if (FROM_BASELINE.has(key) && baseline && visitType === 'follow_up') {
      const at = baseline[key as 'mmt8'] ?? null;
      const current = Number(String(now[key] ?? '').trim());
      if (at !== null && String(now[key] ?? '').trim() !== '' && Number.isFinite(current)) parts.push(`${signed(current - at)} from baseline ${at}`);
    }
    return parts.join(' · ') || null;
  };

  /** An edit's reason, checked as the server does; the message under the field, or none. */
  const reasonProblem = () => {
    if (mode.kind !== 'edit') return undefined;
    const checked = changeReason.safeParse(reason);
    return checked.success ? undefined : checked.error.issues[0]?.message;
  };

  const save = async (noMeasureConfirmed = false) => {
    clear();
    setAskNoMeasure(false);
    const values = form.getValues();
    const problem = reasonProblem();
    setReasonError(problem);
    if (previous?.ivig === 'ongoing' && values.ivig === 'none' && !noneConfirmed) {
      form.setError('ivig', { message: 'IVIG was ongoing at the previous visit: record it as stopped, or keep none' }, { shouldFocus: true });
      return;
    }
    if (problem) {
      document.getElementById('f-reason')?.focus();
      return;
    }
    if (mode.kind === 'create' && !noMeasureConfirmed && recordsNoMeasure(values, defaultValues)) {
      setAskNoMeasure(true);
      return;
    }
    const result: ActionResult = await sendForm(() =>
      mode.kind === 'edit'
        ? updateVisitAction(mode.visitId, { ...values, reason, version: mode.version }, mode.answering ?? undefined)
        : createVisitAction(mode.patientId, values, requestKey),
    );
    if (result.ok) {
      setSaved(true);
      // After a new follow-up, the patient page offers to record an adverse event.
      const followUp = mode.kind === 'create' && values.visitType === 'follow_up';
      const answered = mode.kind === 'edit' && mode.answering;
      router.push(answered ? `/queries/${answered}` : `/patients/${mode.patientId}${followUp ? '?saved=follow_up' : ''}`);
      router.refresh();
      return;
    }
    const { reason: refusedReason, ...fieldErrors } = result.fieldErrors ?? {};
    setReasonError(refusedReason);
    refuse({ message: result.message, fieldErrors });
  };
  // A form the schema refuses still says what is wrong with the reason.
  const onSubmit = form.handleSubmit(() => save(), () => setReasonError(reasonProblem()));
  const saveAnyway = form.handleSubmit(() => save(true));
  const backToForm = () => {
    setAskNoMeasure(false);
    form.setFocus('cdasiActivity');
  };

  const generic = (group: VisitGroup) => fieldsOf(group).map((f) => <MeasureInput key={f.key} field={f} form={form} note={note(f.key)} />);
  const stoppedBefore = patient.jakiStopDate && date > patient.jakiStopDate ? patient.jakiStopDate : null;
  const title = (group: VisitGroup) => VISIT_GROUPS.find((g) => g.key === group)!.title;

  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label={mode.kind === 'edit' ? 'Edit visit' : 'New visit'}>
      <FormAlert {...alert} />
      {ended && (
        <p className="alert warn" role="note">
          {endedPhrase(ended).replace(/^the/, 'The')}: no visit can be dated after it.
        </p>
      )}
      <fieldset>
        <legend>Visit</legend>
        <div className="grid">
          <Field
            name="visitDate"
            label="Visit date"
            error={errors.visitDate?.message}
            hint={
              visitType === 'baseline'
                ? `Baseline: ${addDays(patient.jakiStartDate, -BASELINE_WINDOW.daysBefore)} to ${addDays(patient.jakiStartDate, BASELINE_WINDOW.daysAfter)} (JAK inhibitor from ${patient.jakiStartDate})`
                : `JAK inhibitor from ${patient.jakiStartDate}${previous ? ` · previous visit ${previous.visitDate}` : ''}`
            }
          >
            {(a11y) => <DateInput {...a11y} {...register('visitDate')} />}
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

      <CdasiFieldset form={form} note={note}>
        {generic('skin')}
      </CdasiFieldset>
      <Mmt8Fieldset form={form} note={note}>
        {generic('muscle')}
      </Mmt8Fieldset>

      <fieldset>
        <legend>{title('treatment')}</legend>
        <div className="grid">
          {fieldsOf('treatment').map((f) => (
            <MeasureInput
              key={f.key}
              field={f}
              form={form}
              note={[f.key === 'jakiDoseMgDay' && stoppedBefore && `stopped on ${stoppedBefore}: leave empty`, note(f.key)].filter(Boolean).join(' · ') || null}
            />
          ))}
          <GlucocorticoidFields form={form} notes={note} />
          <IvigFields
            form={form}
            notes={note}
            previousOngoing={previous?.ivig === 'ongoing' ? { date: previous.visitDate } : null}
            noneConfirmed={noneConfirmed}
            onConfirmNone={setNoneConfirmed}
          />
        </div>
      </fieldset>

      {(['imacs', 'enzymes'] as const).map((group) => (
        <fieldset key={group}>
          <legend>{title(group)}</legend>
          <div className={group === 'enzymes' ? 'grid pairs' : 'grid'}>{generic(group)}</div>
        </fieldset>
      ))}

      {mode.kind === 'edit' && <ReasonField error={reasonError} input={{ value: reason, onChange: (e) => setReason(e.target.value) }} />}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save visit'}
      </button>
      {askNoMeasure && (
        <div ref={noMeasureRef} className="confirm" role="alert" tabIndex={-1}>
          <p>This visit records no measure: CDASI, MMT8 and every other measure are empty or as the form filled them in. Save it anyway?</p>
          <div className="actions">
            <button type="button" className="primary" disabled={isSubmitting} onClick={saveAnyway}>
              Save anyway
            </button>
            <button type="button" onClick={backToForm}>
              Go back to the form
            </button>
          </div>
        </div>
      )}
    </ClientForm>
  );
}
