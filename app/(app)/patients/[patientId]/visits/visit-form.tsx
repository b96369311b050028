'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { CdasiCalculator } from '@/components/instruments/CdasiCalculator';
import { Mmt8Calculator } from '@/components/instruments/Mmt8Calculator';
import { cdasiScores, emptyCdasiItems, type CdasiItems } from '@/lib/instruments/cdasi';
import { mmt8Total, uniformMmt8Items, type Mmt8Items } from '@/lib/instruments/mmt8';
import type { ActionResult } from '@/lib/errors';
import { newRequestKey, sendForm } from '@/lib/request-key';
import { visitEditSchema, visitSchema, type VisitEditFormValues, type VisitInput } from '@/lib/schemas/visit';
import { createVisitAction, updateVisitAction } from './actions';

type Mode = { kind: 'create'; patientId: string } | { kind: 'edit'; patientId: string; visitId: string };
type Name = keyof VisitEditFormValues;

/** Totals of half-typed calculators: null until every item is a number. */
function liveCdasi(items: CdasiItems | null | undefined) {
  if (!items) return null;
  const s = cdasiScores(items);
  return Number.isFinite(s.activity) && Number.isFinite(s.damage) ? s : null;
}

function liveMmt8(items: Mmt8Items | null | undefined) {
  if (!items) return null;
  const total = mmt8Total(items);
  return Number.isFinite(total) ? total : null;
}

export function VisitForm({ mode, defaultValues }: { mode: Mode; defaultValues: VisitEditFormValues }) {
  const router = useRouter();
  // One key for every submission of this form: a double click or a retry creates one record.
  const [requestKey] = useState(newRequestKey);
  const schema = mode.kind === 'edit' ? visitEditSchema : visitSchema;
  const form = useForm<VisitEditFormValues, unknown, VisitInput>({
    resolver: zodResolver(schema) as unknown as Resolver<VisitEditFormValues, unknown, VisitInput>,
    defaultValues,
  });
  const { register, control, setValue } = form;
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);

  const cdasiItems = useWatch({ control, name: 'cdasiItems' });
  const mmt8Items = useWatch({ control, name: 'mmt8Items' });
  const ivig = useWatch({ control, name: 'ivig' });
  const cdasi = liveCdasi(cdasiItems);
  const mmt8 = liveMmt8(mmt8Items);

  // The calculators own the totals while they are open.
  useEffect(() => {
    if (!cdasi) return;
    setValue('cdasiActivity', String(cdasi.activity));
    setValue('cdasiDamage', String(cdasi.damage));
  }, [cdasi?.activity, cdasi?.damage, setValue]);
  useEffect(() => {
    if (mmt8 !== null) setValue('mmt8', String(mmt8));
  }, [mmt8, setValue]);

  const onSubmit = form.handleSubmit(async () => {
    clear();
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
    refuse(result);
  });

  const num = (name: Name, title: string, hint?: string, extra: Record<string, unknown> = {}) => (
    <Field name={name} label={title} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} inputMode="decimal" autoComplete="off" {...extra} {...register(name)} />}
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
      <FormAlert {...alert} />
      <fieldset>
        <legend>Visit</legend>
        <div className="grid">
          <Field name="visitDate" label="Visit date" error={errors.visitDate?.message}>
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

      <fieldset>
        <legend>Skin: CDASI</legend>
        <div className="grid">
          {num('cdasiActivity', 'CDASI activity', '0–100', { readOnly: Boolean(cdasiItems) })}
          {num('cdasiDamage', 'CDASI damage', '0–32', { readOnly: Boolean(cdasiItems) })}
          <div className="field" style={{ justifyContent: 'center' }}>
            {cdasiItems ? (
              <button type="button" onClick={() => setValue('cdasiItems', null)}>
                Close CDASI calculator
              </button>
            ) : (
              <button type="button" onClick={() => setValue('cdasiItems', emptyCdasiItems())}>
                Open CDASI calculator
              </button>
            )}
          </div>
        </div>
        {cdasiItems && <CdasiCalculator register={register} errors={errors} totals={{ activity: cdasi?.activity ?? null, damage: cdasi?.damage ?? null }} />}
      </fieldset>

      <fieldset>
        <legend>Muscle: MMT8</legend>
        <div className="grid">
          {num('mmt8', 'MMT8 total', '0–150, Kendall scale', { readOnly: Boolean(mmt8Items) })}
          <div className="field" style={{ justifyContent: 'center' }}>
            {mmt8Items ? (
              <button type="button" onClick={() => setValue('mmt8Items', null)}>
                Close MMT8 calculator
              </button>
            ) : (
              <button type="button" onClick={() => setValue('mmt8Items', uniformMmt8Items(10))}>
                Open MMT8 calculator
              </button>
            )}
          </div>
        </div>
        {mmt8Items && <Mmt8Calculator register={register} errors={errors} total={mmt8} />}
      </fieldset>

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
