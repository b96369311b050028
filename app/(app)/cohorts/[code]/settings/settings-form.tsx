'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ClientForm } from '@/components/form/ClientForm';
import { Field } from '@/components/form/Field';
import { ReasonField } from '@/components/form/ReasonField';
import { FormAlert } from '@/components/form/refusal';
import { useSave } from '@/components/form/use-save';
import { MAX_DECIMALS, MMT8_SCALES, PRIMARY_TESTS, reportSettingsSchema, type ReportSettingsFormValues } from '@/lib/schemas/report-settings';
import { TEST_NAMES } from '@/lib/documents/report-labels';
import { saveReportSettingsAction } from './actions';

type Name = Exclude<keyof ReportSettingsFormValues, 'reason' | 'version'>;

const WINDOWS = [
  { point: 'm3', legend: 'Month 3' },
  { point: 'm6', legend: 'Month 6' },
] as const;

/** The cohort's report settings: windows, final follow-up, adverse-event window, thresholds, scale, test and decimals. */
export function ReportSettingsForm({ cohortCode, defaultValues }: { cohortCode: string; defaultValues: ReportSettingsFormValues }) {
  const form = useForm<z.input<typeof reportSettingsSchema>, unknown, z.output<typeof reportSettingsSchema>>({
    resolver: zodResolver(reportSettingsSchema),
    defaultValues,
  });
  const { alert, onSubmit } = useSave(form, (values) => saveReportSettingsAction(cohortCode, values), () => `/cohorts/${encodeURIComponent(cohortCode)}/report`);
  const { errors, isSubmitting } = form.formState;
  const number = (name: Name, label: string, unit: string, hint?: string) => (
    <Field name={name} label={`${label} (${unit})`} error={errors[name]?.message} hint={hint}>
      {(a11y) => <input {...a11y} inputMode="decimal" {...form.register(name)} />}
    </Field>
  );
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-label="Report settings">
      <FormAlert {...alert} />
      {WINDOWS.map(({ point, legend }) => (
        <fieldset key={point}>
          <legend>{legend} window (days from the JAK-inhibitor start)</legend>
          <div className="grid">
            {number(`${point}From`, 'From', 'day')}
            {number(`${point}Target`, 'Target', 'day', 'The visit closest to it is taken')}
            {number(`${point}To`, 'To', 'day')}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>Follow-up and safety</legend>
        <div className="grid">
          {number('finalMinDay', 'Final follow-up from', 'day', 'An earlier last visit is no final follow-up')}
          {number('aeWindowAfterStopDays', 'Adverse events counted after a stop for', 'days', 'Treatment-emergent window')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Outcomes and tests</legend>
        <div className="grid">
          {number('responderDrop', 'CDASI responder: fall of at least', 'points')}
          {number('taperThreshold', 'Prednisone tapered at or below', 'mg/day')}
          <Field name="mmt8Max" label="MMT8 scale" error={errors.mmt8Max?.message} hint="80 when muscles were scored on one side">
            {(a11y) => (
              <select {...a11y} {...form.register('mmt8Max')}>
                {MMT8_SCALES.map((m) => (
                  <option key={m} value={m}>
                    0–{m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="primaryTest" label="P values from" error={errors.primaryTest?.message} hint="The other test stays in the CSV and JSON">
            {(a11y) => (
              <select {...a11y} {...form.register('primaryTest')}>
                {PRIMARY_TESTS.map((t) => (
                  <option key={t} value={t}>
                    {TEST_NAMES[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="decimals" label="Mean ± SD printed with" error={errors.decimals?.message} hint="On the page and in the PDF; the CSV and JSON keep every digit">
            {(a11y) => (
              <select {...a11y} {...form.register('decimals')}>
                {Array.from({ length: MAX_DECIMALS + 1 }, (_, d) => (
                  <option key={d} value={String(d)}>
                    {d} decimal{d === 1 ? '' : 's'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <ReasonField error={errors.reason?.message} input={form.register('reason')} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save settings'}
      </button>
    </ClientForm>
  );
}
