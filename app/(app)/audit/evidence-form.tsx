'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ClientForm } from '@/components/form/ClientForm';
import { DateInput } from '@/components/form/DateInput';
import { Field } from '@/components/form/Field';
import { FormAlert, useRefusal } from '@/components/form/refusal';
import { auditPeriodSchema, type AuditPeriod, type AuditPeriodInput } from '@/lib/schemas/audit-period';

/** The file name the route gives in its content-disposition. */
function fileName(response: Response): string {
  return /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'audit-trail.zip';
}

/**
 * The evidence of a period (docs/evidence.md), downloaded as one zip. Fetched rather than
 * followed as a link, so that a period the server refuses comes back as messages at the fields.
 */
export function EvidenceForm() {
  const form = useForm<AuditPeriodInput, unknown, AuditPeriod>({ resolver: zodResolver(auditPeriodSchema), defaultValues: { from: '', to: '' } });
  const { errors, isSubmitting } = form.formState;
  const { refuse, clear, alert } = useRefusal(form.setError);
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (period) => {
    clear();
    setDone(null);
    const response = await fetch(`/api/v1/audit/evidence?${new URLSearchParams(period)}`);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: string; fieldErrors?: Record<string, string> } | null;
      refuse({ message: body?.error ?? 'The evidence could not be made: try again in a moment.', fieldErrors: body?.fieldErrors });
      return;
    }
    const name = fileName(response);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
    setDone(name);
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate aria-labelledby="evidence-title" className="panel" style={{ marginTop: '1rem' }}>
      <h2 id="evidence-title" style={{ marginTop: 0 }}>
        Evidence for an inspection
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        The entries of a period (whole days in UTC) as CSV and PDF, with the verification of the whole chain, its last hash and each file&apos;s SHA-256, in one zip.
        The export is recorded in the trail.
      </p>
      <FormAlert {...alert} />
      <div className="grid">
        <Field name="evidence-from" label="From" error={errors.from?.message}>
          {(a11y) => <DateInput {...a11y} {...form.register('from')} />}
        </Field>
        <Field name="evidence-to" label="To" error={errors.to?.message}>
          {(a11y) => <DateInput {...a11y} {...form.register('to')} />}
        </Field>
        <div className="field" style={{ justifyContent: 'end' }}>
          <button type="submit" className="primary" disabled={isSubmitting}>
            {isSubmitting ? 'Preparing…' : 'Download evidence (zip)'}
          </button>
        </div>
      </div>
      <p role="status" className="muted" style={{ marginBottom: 0 }}>
        {done && `Downloaded ${done}.`}
      </p>
    </ClientForm>
  );
}
