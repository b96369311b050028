'use client';

import { useEffect } from 'react';
import { useWatch } from 'react-hook-form';
import type { VisitFormApi } from '@/components/instruments/InstrumentFieldset';
import { IVIG_STATUSES, label, type SteroidDrug } from '@/lib/codes';
import { PREDNISONE_FACTORS, prednisoneEquivalent } from '@/lib/treatments/glucocorticoids';
import { visitField } from '@/lib/visits/fields';
import { MeasureInput } from './measure-input';

const DECIMAL = /^\d+([.,]\d+)?$/;

/** A typed dose as a number, or null while it is not one. */
function dose(text: unknown): number | null {
  const s = String(text ?? '').trim();
  return DECIMAL.test(s) ? Number(s.replace(',', '.')) : null;
}

/**
 * The glucocorticoid: the drug given and its dose, whose prednisone equivalent the form shows
 * as it is typed; without a drug, the prednisone equivalent is typed directly.
 */
export function GlucocorticoidFields({ form, notes }: { form: VisitFormApi; notes: (key: string) => string | null }) {
  const [drug, mg] = useWatch({ control: form.control, name: ['steroidDrug', 'steroidMgDay'] });
  const given = drug ? (drug as SteroidDrug) : null;
  const amount = dose(mg);
  const equivalent = given && amount !== null && amount > 0 ? prednisoneEquivalent(given, amount) : null;

  // The equivalent follows the dose typed, where the user sees it change; while the dose is no
  // number, there is none (the last one shown would belong to another dose or drug).
  useEffect(() => {
    if (!given) return;
    const shown = equivalent === null ? '' : String(equivalent);
    if (form.getValues('prednisoneMgDay') !== shown) form.setValue('prednisoneMgDay', shown, { shouldDirty: true });
  }, [given, equivalent, form]);

  const factor = given ? PREDNISONE_FACTORS[given] : null;
  const how =
    given && factor
      ? equivalent !== null
        ? `${amount} mg/day ${label(given).toLowerCase()}${factor.num === factor.den ? '' : ` × ${factor.num}/${factor.den}`}`
        : `Computed from the ${label(given).toLowerCase()} dose`
      : null;
  return (
    <>
      <MeasureInput
        field={visitField('steroidDrug')}
        form={form}
        blank="— type the equivalent"
        note={notes('steroidDrug')}
        onChange={(value) => {
          if (!value) form.setValue('steroidMgDay', '', { shouldDirty: true });
        }}
      />
      {given && <MeasureInput field={visitField('steroidMgDay')} form={form} note={notes('steroidMgDay')} />}
      <MeasureInput field={visitField('prednisoneMgDay')} form={form} readOnly={Boolean(given)} note={[how, notes('prednisoneMgDay')].filter(Boolean).join(' · ')} />
    </>
  );
}

/**
 * IVIG status, with its dose and interval while ongoing. After a visit with IVIG ongoing,
 * "Stopped" comes first, and "None" is questioned: it would say IVIG never ran.
 */
export function IvigFields({
  form,
  notes,
  previousOngoing,
  noneConfirmed,
  onConfirmNone,
}: {
  form: VisitFormApi;
  notes: (key: string) => string | null;
  previousOngoing: { date: string } | null;
  noneConfirmed: boolean;
  onConfirmNone: (confirmed: boolean) => void;
}) {
  const ivig = useWatch({ control: form.control, name: 'ivig' });
  const order = previousOngoing ? (['ongoing', 'stopped', 'none'] as const) : IVIG_STATUSES;
  const asking = previousOngoing && ivig === 'none' && !noneConfirmed;
  return (
    <>
      <div>
        <MeasureInput
          field={visitField('ivig')}
          form={form}
          choices={order}
          note={notes('ivig')}
          onChange={(value) => {
            onConfirmNone(false);
            // Dose and interval belong to ongoing IVIG only: they go with it.
            if (value !== 'ongoing') {
              form.setValue('ivigDoseGKg', '', { shouldDirty: true });
              form.setValue('ivigIntervalWeeks', '', { shouldDirty: true });
            }
          }}
        />
        {asking && (
          <div className="confirm" role="group" aria-label="IVIG: stopped or none?">
            <p>
              IVIG was ongoing at the previous visit ({previousOngoing.date}). If it has ended since, record it as <strong>Stopped</strong>;
              “None” says IVIG was not part of the treatment.
            </p>
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  form.setValue('ivig', 'stopped', { shouldDirty: true });
                  form.clearErrors('ivig');
                }}
              >
                Record as stopped
              </button>
              <button
                type="button"
                onClick={() => {
                  onConfirmNone(true);
                  form.clearErrors('ivig');
                }}
              >
                Keep none
              </button>
            </div>
          </div>
        )}
      </div>
      {ivig === 'ongoing' && <MeasureInput field={visitField('ivigDoseGKg')} form={form} note={notes('ivigDoseGKg')} />}
      {ivig === 'ongoing' && <MeasureInput field={visitField('ivigIntervalWeeks')} form={form} note={notes('ivigIntervalWeeks')} />}
    </>
  );
}
